/**
 * The HTTP layer of the request (payload format 2.0): headers, content type, body decoding and size, the
 * idempotency key and the authenticated customer. Pure; the body is not parsed here.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ClientError } from '../../model/errors';
import { checkContentType, decodeBody, header } from '../../model/http-request';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from '../../model/limits';
import { tokenSubject } from '../../model/token-subject';

export interface OrderRequest {
  /** The body as text (base64 already decoded), at most MAX_BODY_BYTES bytes of valid UTF-8. */
  readonly bodyText: string;
  readonly idempotencyKey?: string;
  /** The JWT `sub` claim when an authorizer validated a token. */
  readonly tokenSubject?: string;
}

// Shared with the status-change function, so they live in the model; re-exported for this module's callers.
export { checkContentType, decodeBody, header };

function idempotencyKey(event: APIGatewayProxyEventV2): string | undefined {
  const key = header(event, IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) {
    throw new ClientError(400, 'ValidationError', 'Idempotency-Key must be 1-128 characters of A-Z, a-z, 0-9, _ and -',
      'Idempotency-Key', 'pattern');
  }
  return key;
}


/** Checks everything about the request except the body's content. Order: media type, key, customer, size. */
export function readRequest(event: APIGatewayProxyEventV2): OrderRequest {
  checkContentType(header(event, 'content-type'));
  const key = idempotencyKey(event);
  const subject = tokenSubject(event);
  const bodyText = decodeBody(event);
  return { bodyText, ...(key !== undefined && { idempotencyKey: key }), ...(subject !== undefined && { tokenSubject: subject }) };
}
