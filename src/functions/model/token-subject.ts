/**
 * The customer an authorizer vouched for: the JWT `sub` claim that the HTTP API's JWT authorizer passes in the
 * request context (payload format 2.0). It becomes a stored customerId, so it must pass the id rules too.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ClientError } from './errors';
import { MAX_ID_LENGTH } from './limits';

export function tokenSubject(event: Pick<APIGatewayProxyEventV2, 'requestContext'>): string | undefined {
  const ctx = event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } } | undefined;
  const sub = ctx?.authorizer?.jwt?.claims?.sub;
  if (sub === undefined) return undefined;
  // The authorizer vouches for the token, not for the shape of the claim: it becomes the stored customerId.
  if (typeof sub !== 'string' || sub === '' || sub.length > MAX_ID_LENGTH || /[\u0000-\u001f\u007f-\u009f]/.test(sub)) {
    throw new ClientError(403, 'Forbidden', 'The token subject cannot be used as a customer id', 'customerId', 'tokenSubject');
  }
  return sub;
}
