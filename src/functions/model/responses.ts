/**
 * The response shape every HTTP function gives, and the one client-error body they share. JSON bodies, no CORS headers (the HTTP API's CORS configuration adds them;
 * headers set here would be ignored or duplicated).
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ClientError } from './errors';

export type Response = APIGatewayProxyStructuredResultV2 & { statusCode: number; body: string };

export const JSON_HEADERS = { 'content-type': 'application/json' } as const;

export function clientError(e: ClientError): Response {
  return {
    statusCode: e.statusCode,
    headers: JSON_HEADERS,
    body: JSON.stringify({ success: false, error: e.error, message: e.message, field: e.field, rule: e.rule }),
  };
}
