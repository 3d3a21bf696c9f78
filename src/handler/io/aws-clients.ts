/**
 * SDK clients with explicit time limits. Worst case per call: 3 attempts x (1 s connect + 3 s response) plus
 * backoff, about 13 s, far below API Gateway's 30 s integration timeout; the handler's own deadline
 * (create-order.ts) cuts it shorter still. Endpoints are the SDK's own resolution, which honours
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL (used by the local API and the integration tests).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export const CONNECT_TIMEOUT_MS = 1_000;
export const REQUEST_TIMEOUT_MS = 3_000;
export const MAX_ATTEMPTS = 3;

export function httpHandler(requestTimeout = REQUEST_TIMEOUT_MS): NodeHttpHandler {
  return new NodeHttpHandler({ connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout });
}

export function createDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({ maxAttempts: MAX_ATTEMPTS, requestHandler: httpHandler() });
}
