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
import { Readable } from 'node:stream';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
// The client's own @smithy/core (not a declared dependency, as in aws-errors.ts), so the bundle holds one copy.
// eslint-disable-next-line import/no-extraneous-dependencies
import { HttpResponse } from '@smithy/core/protocols';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export const CONNECT_TIMEOUT_MS = 1_000;
export const REQUEST_TIMEOUT_MS = 3_000;
export const MAX_ATTEMPTS = 3;

/**
 * The handler options behind the time limits. Without `throwOnRequestTimeout` this version of the handler only logs
 * a warning when `requestTimeout` passes and keeps waiting, so a lost answer held the call until the deadline and
 * the SDK never retried (test/integ/lost-answers.test.ts shows the retry).
 */
export function httpHandlerOptions(requestTimeout = REQUEST_TIMEOUT_MS) {
  return { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout, throwOnRequestTimeout: true };
}

export function httpHandler(requestTimeout = REQUEST_TIMEOUT_MS): NodeHttpHandler {
  return new NodeHttpHandler(httpHandlerOptions(requestTimeout));
}

/** The HTTP handler of clientSettings() with another per-attempt limit (for a client that must give up sooner). */
export function deadlineHttpHandler(requestTimeout = REQUEST_TIMEOUT_MS): NodeHttpHandler {
  return new DeadlineHttpHandler(httpHandlerOptions(requestTimeout));
}

// ---------------------------------------------------------------------------------------------------------------
// A deadline per call that keeps the SDK's middleware cache.
//
// With `cacheMiddleware: true` the client resolves each command type's middleware stack once instead of on every
// call (less CPU per PutItem: bench/results/latest.md, "SDK measures"), but it uses that cache only for
// `send(command)` without per-call options, and the usual way to give a call its deadline is the per-call
// `abortSignal` option.
// So the signal travels beside the call instead: withDeadline() files it under the command's input object; a client
// middleware in the last step, where the signed request exists, files it under that request; the HTTP handler
// looks it up for the request it is given. Both maps are weak: an entry lives as long as its call's objects.
// ---------------------------------------------------------------------------------------------------------------
const signalOfInput = new WeakMap<object, AbortSignal>();
const signalOfRequest = new WeakMap<object, AbortSignal>();

// ---------------------------------------------------------------------------------------------------------------
// Calls answered inside the process, for the init's rehearsal of a whole request (runtime/rehearsal.ts). The SDK
// builds, signs and parses such a call exactly as any other, through the same cached middleware stack, so V8 has
// compiled all of that code before the first invocation; only the network is left out. The marks travel like the
// deadline: input -> signed request -> HTTP handler, which answers with the reply filed for the input (by default
// `{}`, a call without return values) without a socket.
// ---------------------------------------------------------------------------------------------------------------
const answeredInProcessInputs = new WeakMap<object, string>();
const answeredInProcessRequests = new WeakMap<object, string>();

/** HTTP 200 with a JSON body, as the JSON protocols of DynamoDB and EventBridge answer. */
function successWith(body: string): { response: HttpResponse } {
  const bytes = Buffer.from(body);
  return {
    response: new HttpResponse({
      statusCode: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'content-length': String(bytes.length) },
      body: Readable.from([bytes]),
    }),
  };
}

/** The Node HTTP handler, aborting a request when the signal its call was sent with fires. */
class DeadlineHttpHandler extends NodeHttpHandler {
  override handle(...[request, options = {}]: Parameters<NodeHttpHandler['handle']>) {
    const reply = answeredInProcessRequests.get(request);
    if (reply !== undefined) return Promise.resolve(successWith(reply));
    const abortSignal = signalOfRequest.get(request);
    return super.handle(request, abortSignal ? { ...options, abortSignal } : options);
  }
}

/**
 * Collects a response body. The SDK's own collector first asks whether the body is a web ReadableStream, and reading
 * that global makes Node load its whole web-streams implementation during the cold start (the cost is in
 * bench/results/latest.md, "SDK measures") for a body that is always a Node stream here. This one handles exactly
 * what the Node HTTP handler returns (a Node Readable) and bytes already in memory, and nothing else.
 */
export function collectNodeStream(body: unknown): Promise<Uint8Array> {
  if (body instanceof Uint8Array) return Promise.resolve(body);
  if (body === undefined || body === null) return Promise.resolve(new Uint8Array(0));
  const stream = body as Readable;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (chunk: Buffer) => { chunks.push(chunk); length += chunk.length; });
    stream.on('error', reject);
    stream.on('end', () => {
      // A fresh array of its own: the SDK changes the prototype of the bytes it is given.
      const bytes = new Uint8Array(length);
      let offset = 0;
      for (const c of chunks) { bytes.set(c, offset); offset += c.length; }
      resolve(bytes);
    });
  });
}

/** Settings the benchmark varies (bench/sdk-put-item-alone.ts); the defaults are what the bundles use. */
export interface DynamoDbClientTuning {
  /** Resolve each command type's middleware stack once. Default true. */
  readonly cacheMiddleware?: boolean;
}

export function createDynamoDbClient(tuning: DynamoDbClientTuning = {}): DynamoDBClient {
  return withCallMarks(new DynamoDBClient(clientSettings(tuning)));
}

/**
 * What every client of the platform is built with (DynamoDB here, EventBridge in eventbridge-client.ts): the time
 * limits, the HTTP handler that honours withDeadline() and answeredInProcess(), the middleware cache and the body
 * collector. Pass the client to withCallMarks() once built.
 */
export function clientSettings(tuning: DynamoDbClientTuning = {}) {
  return {
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: new DeadlineHttpHandler(httpHandlerOptions()),
    cacheMiddleware: tuning.cacheMiddleware ?? true,
    streamCollector: collectNodeStream,
  };
}

/** Carries a call's marks (deadline, answered in process) from its input to its signed request, for the HTTP handler. */
export function withCallMarks<C extends { readonly middlewareStack: object }>(client: C): C {
  // Every client's stack has this shape; only its command input and output types differ.
  (client.middlewareStack as DynamoDBClient['middlewareStack']).add((next, _context) => async (args) => {
    const input = args.input as object;
    if (args.request) {
      const signal = signalOfInput.get(input);
      if (signal) signalOfRequest.set(args.request as object, signal);
      const reply = answeredInProcessInputs.get(input);
      if (reply !== undefined) answeredInProcessRequests.set(args.request as object, reply);
    }
    return next(args);
  }, { step: 'deserialize', name: 'callMarksMiddleware', priority: 'low' });
  return client;
}

/**
 * Gives `command` the deadline `abortSignal` (if any) and returns it, for `client.send(withDeadline(command, signal))`
 * on a client from this module: the request is aborted when the signal fires, and the call rejects with the
 * SDK's AbortError, as with the per-call option.
 */
export function withDeadline<C extends { readonly input: object }>(command: C, abortSignal?: AbortSignal): C {
  if (abortSignal) signalOfInput.set(command.input, abortSignal);
  return command;
}

/** The `send` of a DynamoDB client, all the order store needs (io/dynamo-store.ts). */
export type DynamoDbSender = Pick<DynamoDBClient, 'send'>;

/**
 * `client` with every call answered inside the process with HTTP 200 and the JSON `reply` gives for the call's input
 * (by default `{}`: a call without return values, a GetItem that found nothing, an empty Query page): nothing is sent,
 * read, written or published. Only for a client from this module (createDynamoDbClient, createEventBridgeClient),
 * whose HTTP handler honours the mark.
 */
export function answeredInProcess<C extends { send: unknown }>(client: C, reply: (input: object) => object = () => ({})): Pick<C, 'send'> {
  const send = (command: { readonly input: object }, ...rest: unknown[]) => {
    answeredInProcessInputs.set(command.input, JSON.stringify(reply(command.input)));
    return (client.send as (...a: unknown[]) => Promise<unknown>).call(client, command, ...rest);
  };
  return { send: send as C['send'] };
}
