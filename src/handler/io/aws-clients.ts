/**
 * SDK clients with explicit time limits. Worst case per call: 3 attempts x (1 s connect + 3 s response) plus
 * backoff, about 13 s, far below API Gateway's 30 s integration timeout; the handler's own deadline
 * (create-order.ts) cuts it shorter still. Endpoints are the SDK's own resolution, which honours
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL (used by the local API and the integration tests).
 *
 * What is left out of the bundle, and why, is in .projenrc.ts (HANDLER_EXTERNALS): the credential providers and
 * nested clients Lambda never reaches, because its credentials are in the environment. The HTTP handler of this
 * SDK version already loads `node:http` only for an `http://` endpoint (local ones), so on AWS the bundle loads
 * `node:https` alone. The SDK-level measures the benchmark tried are in bench/results/latest.md (SDK measures).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export const CONNECT_TIMEOUT_MS = 1_000;
export const REQUEST_TIMEOUT_MS = 3_000;
export const MAX_ATTEMPTS = 3;

export function httpHandler(requestTimeout = REQUEST_TIMEOUT_MS): NodeHttpHandler {
  return new NodeHttpHandler({ connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout });
}

/** Settings the benchmark varies one at a time (bench/sdk-measures.ts); the defaults are what the bundles use. */
export interface DynamoDbClientTuning {
  /**
   * Reuse the resolved middleware stack per command type. The SDK only uses the cache for `send(command)` without
   * per-call options, and every store call passes its deadline's abort signal, so it would never apply: off.
   */
  readonly cacheMiddleware?: boolean;
}

export function createDynamoDbClient(tuning: DynamoDbClientTuning = {}): DynamoDBClient {
  return new DynamoDBClient({
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: httpHandler(),
    ...(tuning.cacheMiddleware ? { cacheMiddleware: true } : {}),
  });
}
