/**
 * The HTTP layer every function that takes a JSON body shares (payload format 2.0): header lookup, the content type,
 * body decoding and size. Pure.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ClientError, invalid } from './errors';
import { MAX_BODY_BYTES } from './limits';

/**
 * API Gateway lower-cases header names in payload 2.0; other adapters (local API, tests) may not, so look up
 * case-insensitively.
 */
export function header(event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string): string | undefined {
  const headers = event.headers ?? {};
  const direct = headers[name];
  if (direct !== undefined) return direct;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === name) return v;
  }
  return undefined;
}

/**
 * Accepts `application/json`, with optional parameters (`; charset=utf-8`). Any charset other than UTF-8 is 415:
 * JSON is UTF-8 (RFC 8259 section 8.1). A missing Content-Type is 415 too: the client must say it sends JSON, and a
 * browser can send a typeless body cross-origin without a CORS preflight.
 */
export function checkContentType(value: string | undefined): void {
  const unsupported = (message: string) =>
    new ClientError(415, 'UnsupportedMediaType', message, 'Content-Type', 'mediaType');
  if (value === undefined || value.trim() === '') throw unsupported('Content-Type application/json is required');
  const [mediaType, ...params] = value.split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') throw unsupported('Content-Type must be application/json');
  for (const p of params) {
    const [k, v = ''] = p.split('=');
    if (k.trim().toLowerCase() === 'charset' && v.trim().replace(/^"|"$/g, '').toLowerCase() !== 'utf-8') {
      throw unsupported('application/json must be encoded as UTF-8');
    }
  }
}

const tooLarge = () => new ClientError(413, 'PayloadTooLarge',
  `The request body must be at most ${MAX_BODY_BYTES} bytes`, 'body', 'maxBytes');

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as text. Size is checked before any decoding work, so a 10 MB body costs almost nothing. */
export function decodeBody(event: Pick<APIGatewayProxyEventV2, 'body' | 'isBase64Encoded'>): string {
  const body = event.body;
  if (body === undefined || body === null || body === '') throw invalid('body', 'required', 'A JSON request body is required');
  if (event.isBase64Encoded) {
    if (body.length > Math.ceil(MAX_BODY_BYTES / 3) * 4 + 4) throw tooLarge();
    const bytes = Buffer.from(body, 'base64');
    if (bytes.length > MAX_BODY_BYTES) throw tooLarge();
    try {
      return UTF8.decode(bytes);
    } catch {
      throw invalid('body', 'encoding', 'The request body must be valid UTF-8');
    }
  }
  // A JS string has at most 3 UTF-8 bytes per UTF-16 unit: skip the exact count when it cannot matter.
  if (body.length * 3 > MAX_BODY_BYTES && Buffer.byteLength(body, 'utf8') > MAX_BODY_BYTES) throw tooLarge();
  return body;
}
