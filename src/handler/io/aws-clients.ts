/**
 * SDK clients with explicit time limits. Worst case per call: 3 attempts x (1 s connect + 3 s response) plus
 * backoff, about 13 s, far below API Gateway's 30 s integration timeout; the handler's own deadline
 * (create-order.ts) cuts it shorter still. Endpoints are the SDK's own resolution, which honours
 * AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL (used by the local API and the integration tests).
 *
 * What is left out of the bundle, and why, is in .projenrc.ts (HANDLER_EXTERNALS): the credential providers and
 * nested clients Lambda never reaches, because its credentials are in the environment. The HTTP handler of this
 * SDK version already loads `node:http` only for an `http://` endpoint (local ones), so on AWS the bundle loads
 * `node:https` alone. The measures the benchmark compares are in bench/results/latest.md (SDK measures).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export const CONNECT_TIMEOUT_MS = 1_000;
export const REQUEST_TIMEOUT_MS = 3_000;
export const MAX_ATTEMPTS = 3;

export function httpHandler(requestTimeout = REQUEST_TIMEOUT_MS): NodeHttpHandler {
  return new NodeHttpHandler({ connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout });
}

// ---------------------------------------------------------------------------------------------------------------
// A deadline per call that keeps the SDK's middleware cache.
//
// With `cacheMiddleware: true` the client resolves each command type's middleware stack once instead of on every
// call (measured: about a tenth to a fifth less CPU per PutItem), but it uses that cache only for `send(command)`
// without per-call options, and the usual way to give a call its deadline is the per-call `abortSignal` option.
// So the signal travels beside the call instead: withDeadline() files it under the command's input object; a client
// middleware in the last step, where the signed request exists, files it under that request; the HTTP handler
// looks it up for the request it is given. Both maps are weak: an entry lives as long as its call's objects.
// ---------------------------------------------------------------------------------------------------------------
const signalOfInput = new WeakMap<object, AbortSignal>();
const signalOfRequest = new WeakMap<object, AbortSignal>();

/** The Node HTTP handler, aborting a request when the signal its call was sent with fires. */
class DeadlineHttpHandler extends NodeHttpHandler {
  override handle(...[request, options = {}]: Parameters<NodeHttpHandler['handle']>) {
    const abortSignal = signalOfRequest.get(request);
    return super.handle(request, abortSignal ? { ...options, abortSignal } : options);
  }
}

/** Settings the benchmark varies (bench/sdk-put-item-alone.ts); the defaults are what the bundles use. */
export interface DynamoDbClientTuning {
  /** Resolve each command type's middleware stack once. Default true. */
  readonly cacheMiddleware?: boolean;
}

export function createDynamoDbClient(tuning: DynamoDbClientTuning = {}): DynamoDBClient {
  const client = new DynamoDBClient({
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: new DeadlineHttpHandler({ connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS }),
    cacheMiddleware: tuning.cacheMiddleware ?? true,
  });
  client.middlewareStack.add((next, _context) => async (args) => {
    const signal = signalOfInput.get(args.input as object);
    if (signal && args.request) signalOfRequest.set(args.request as object, signal);
    return next(args);
  }, { step: 'deserialize', name: 'deadlineSignalMiddleware', priority: 'low' });
  return client;
}

/**
 * Gives `command` the deadline `abortSignal` (if any) and returns it, for `client.send(withDeadline(command, signal))`
 * on a client from createDynamoDbClient: the request is aborted when the signal fires, and the call rejects with the
 * SDK's AbortError, as with the per-call option.
 */
export function withDeadline<C extends { readonly input: object }>(command: C, abortSignal?: AbortSignal): C {
  if (abortSignal) signalOfInput.set(command.input, abortSignal);
  return command;
}
