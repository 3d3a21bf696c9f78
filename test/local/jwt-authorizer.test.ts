/**
 * The local stand-in for the HTTP API's authorizers: what reaches the functions, and when API Gateway would answer
 * 401 itself.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authorize, LOCAL_IAM_PRINCIPAL, readBearerClaims, routeAuthorization, unsignedToken } from '../../local/jwt-authorizer';

const eventWith = (authorization?: string) => ({
  headers: authorization === undefined ? {} : { authorization },
  requestContext: {},
}) as unknown as APIGatewayProxyEventV2;

test('an unsigned token\'s claims are read as the JWT authorizer passes them (strings, arrays of strings)', () => {
  const token = unsignedToken({ sub: 'cust-1', exp: 1893456000, admin: false, groups: ['a', 'b'] });
  expect(readBearerClaims(`Bearer ${token}`)).toEqual({ sub: 'cust-1', exp: '1893456000', admin: 'false', groups: ['a', 'b'] });
  // A signature part is allowed and ignored: nothing is verified locally.
  expect(readBearerClaims(`bearer ${token}c2ln`)).toMatchObject({ sub: 'cust-1' });
});

test.each([
  ['no header', undefined],
  ['another scheme', 'Basic dXNlcjpwYXNz'],
  ['two parts', 'Bearer abc.def'],
  ['a payload that is not JSON', `Bearer ${Buffer.from('{}').toString('base64url')}.${Buffer.from('nope').toString('base64url')}.`],
  ['a payload that is an array', `Bearer ${Buffer.from('{}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.`],
])('%s: no readable token, so a JWT route is 401', (_name, header) => {
  expect(readBearerClaims(header)).toBeUndefined();
  expect(authorize(eventWith(header), 'jwt')).toBe(false);
});

test('a JWT route gets the claims, an IAM route the fixed local principal, a public route nothing', () => {
  const jwt = eventWith(`Bearer ${unsignedToken({ sub: 'cust-1' })}`);
  expect(authorize(jwt, 'jwt')).toBe(true);
  expect(jwt.requestContext).toEqual({ authorizer: { jwt: { claims: { sub: 'cust-1' }, scopes: null } } });
  const iam = eventWith();
  expect(authorize(iam, 'iam')).toBe(true);
  expect(iam.requestContext).toEqual({ authorizer: { iam: LOCAL_IAM_PRINCIPAL } });
  const open = eventWith();
  expect(authorize(open, 'none')).toBe(true);
  expect(open.requestContext).toEqual({});
});

test('routes as the construct authorizes them', () => {
  expect([routeAuthorization('none', 'createOrder'), routeAuthorization('none', 'read')]).toEqual(['none', 'iam']);
  expect([routeAuthorization('jwt', 'createOrder'), routeAuthorization('jwt', 'read')]).toEqual(['jwt', 'jwt']);
});
