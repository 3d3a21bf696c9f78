/** The one builder of API Gateway v2 events and Lambda contexts (src/functions/runtime/lambda-events.ts). */
import { formatRequestTime, httpApiEvent, lambdaContext } from '../../../src/functions/runtime/lambda-events';

test('an event takes its method from the route key, and the domain prefix from the host', () => {
  const event = httpApiEvent({ routeKey: 'GET /orders/{orderId}', rawPath: '/orders/x', pathParameters: { orderId: 'x' }, requestId: 'r', timeEpoch: Date.UTC(2025, 1, 3, 4, 5, 6), domainName: 'abc.execute-api.local:3000' });
  expect(event).toMatchObject({
    version: '2.0',
    routeKey: 'GET /orders/{orderId}',
    rawPath: '/orders/x',
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    pathParameters: { orderId: 'x' },
    requestContext: {
      domainPrefix: 'abc',
      http: { method: 'GET', path: '/orders/x', protocol: 'HTTP/1.1' },
      routeKey: 'GET /orders/{orderId}',
      stage: '$default',
      time: '03/Feb/2025:04:05:06 +0000',
      requestId: 'r',
    },
  });
  expect(event).not.toHaveProperty('body');
  expect(event).not.toHaveProperty('queryStringParameters');
  expect(event.requestContext).not.toHaveProperty('authorizer');
});

test('JWT claims go where a JWT authorizer puts them; the user agent defaults to the header', () => {
  const event = httpApiEvent({ routeKey: 'POST /orders', rawPath: '/orders', headers: { 'user-agent': 'curl' }, requestId: 'r', timeEpoch: 0, domainName: 'h', jwtClaims: { sub: 'c-1' }, body: '{}' });
  expect((event.requestContext as unknown as { authorizer: unknown }).authorizer).toEqual({ jwt: { claims: { sub: 'c-1' }, scopes: [] } });
  expect(event.requestContext.http.userAgent).toBe('curl');
  expect(event.body).toBe('{}');
  expect(formatRequestTime(0)).toBe('01/Jan/1970:00:00:00 +0000');
});

test('a context counts down from its start and refuses the callback-style API', () => {
  let now = 1_000;
  const context = lambdaContext({ awsRequestId: 'a-b', functionName: 'fn', memoryLimitInMB: 256, timeoutMs: 3_000, startedAt: 1_000, now: () => now });
  expect(context.getRemainingTimeInMillis()).toBe(3_000);
  now = 5_000;
  expect(context.getRemainingTimeInMillis()).toBe(0);
  expect(context.memoryLimitInMB).toBe('256');
  expect(context.invokedFunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:fn');
  expect(() => context.done()).toThrow(/Callback-style completion is not supported/);
});
