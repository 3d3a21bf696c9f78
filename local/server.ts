/**
 * The local order API: an HTTP server on 127.0.0.1 that plays API Gateway HTTP API (payload 2.0) in front of the
 * very bundles the construct deploys (assets/functions/create-order/<entry>/index.mjs for POST /orders, assets/functions/read-orders/entry/index.mjs
 * for the two GET routes, assets/functions/change-order-status/entry/index.mjs for the cancel and status routes), with
 * DynamoDB Local behind it. By default no authorizer runs: the read function and the cancel route run in their IAM
 * access mode with a fixed local principal; `authorizer: 'jwt'` plays the JWT authorizer with unsigned tokens
 * (local/jwt-authorizer.ts). The status route is always IAM-authorized, as deployed.
 *
 * One process runs every invocation concurrently on one module instance (Lambda would spread them over instances);
 * the handler keeps no per-request module state, so this is the same code path, just denser. Measured under the
 * benchmark's open-loop generator on the 2-core build machine:
 * - the listen queue dropped connections at 600 req/s: see LISTEN_BACKLOG;
 * - the order-events consumer, run in this process by default, polls the stream and publishes every order, taking
 *   CPU from the handler (on AWS it is another function); the benchmark's capacity runs use `--no-events`;
 * - several instances did not help: two node:cluster workers behind one port answered 350 req/s with a p99 of 6.4 s
 *   and 62 failed requests where this one process held p99 <= 100 ms, because on two cores the extra process only
 *   competes with DynamoDB Local and the load generator. The SDK pool of 50 sockets per instance is far more than
 *   DynamoDB Local's few-ms latency needs at these rates.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { apiReference } from './api-reference';
import { createOrdersTable, DynamoDbLocal, LOCAL_CREDENTIALS, LOCAL_REGION, startDynamoDbLocal } from './dynamodb-local';
import { recordedEventsJson } from './eventbridge-stub';
import {
  fromHandlerResult, gatewayResponse, HTTP_API_INTEGRATION_TIMEOUT_MS, HTTP_API_MAX_PAYLOAD_BYTES, lambdaContext,
  LocalHttpResponse, matchesOrdersRoute, splitUrl, toHttpApiEvent,
} from './http-api-adapter';
import { authorize, lifecycleRouteKind, LocalAuthorizer, routeAuthorization } from './jwt-authorizer';
import { LocalOrderEvents, startLocalOrderEvents, StreamHandler } from './order-events';
import { matchLifecycleRoute, matchReadRoute } from './read-routes';
import { OPENAPI_FILE } from '../generators/openapi-file';
import {
  FUNCTION_DEFAULTS, HANDLER_BUNDLES, HANDLER_ENV, ORDER_EVENTS_BUNDLE, ORDER_LIFECYCLE_BUNDLE, ORDER_LIFECYCLE_ENV, READ_API_BUNDLE,
  READ_API_ENV,
} from '../src/contract/platform';

/** Which of the construct's two bundles to serve (the construct's `metricsPublisher`). */
export type MetricsMode = 'emf' | 'put-metric-data';

export const PACKAGE_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_TABLE_NAME = 'orders-local';
export const DEFAULT_FUNCTION_NAME = 'order-handler-local';
/** Sized and configured as the construct deploys a DEV function by default, so local figures compare with Lambda's. */
export const FUNCTION_MEMORY_MB = FUNCTION_DEFAULTS.memorySizeMb;
export const DEV_ORDER_RETENTION_SECONDS = FUNCTION_DEFAULTS.devOrderRetentionDays * 24 * 3600;

export interface LocalOrderApiOptions {
  /** Port on 127.0.0.1; 0 picks a free one. Default 3000. */
  readonly port?: number;
  /** File-backed DynamoDB Local in this directory. Default: in memory. */
  readonly dataDir?: string;
  /** Use an engine someone else runs (the benchmark does, to pause and restart it) instead of starting one. */
  readonly dynamoDbEndpoint?: string;
  readonly tableName?: string;
  readonly metrics?: MetricsMode;
  /** Bundle file to serve; default the one `npx projen bundle` writes for `metrics`. */
  readonly bundlePath?: string;
  /** Read function bundle for the GET routes; default the one `npx projen bundle` writes. */
  readonly readBundlePath?: string;
  /** Status-change function bundle for the cancel and status routes; default the one `npx projen bundle` writes. */
  readonly lifecycleBundlePath?: string;
  readonly logLevel?: string;
  /** Integration timeout; default 30 s as the HTTP API. */
  readonly timeoutMs?: number;
  /** Called once per request with a one-line access log; default none. */
  readonly accessLog?: (line: string) => void;
  /** Run the order-events consumer bundle on the table's stream, publishing to a local EventBridge stand-in. Default true. */
  readonly orderEvents?: boolean;
  /** One line per OrderCreated event the consumer published; default stderr. */
  readonly eventLog?: (line: string) => void;
  /** LOCAL ONLY `jwt`: unsigned bearer tokens' claims reach the functions as the JWT authorizer's (local/jwt-authorizer.ts). Default `none`. */
  readonly authorizer?: LocalAuthorizer;
}

export interface LocalOrderApi {
  readonly url: string;
  readonly port: number;
  readonly tableName: string;
  readonly dynamoDbEndpoint: string;
  /** The embedded engine, when this API started it. */
  readonly engine?: DynamoDbLocal;
  /** The order-events consumer and the EventBridge stand-in it publishes to; undefined with `orderEvents: false`. */
  readonly orderEvents?: LocalOrderEvents;
  /** Closes the server and stops the embedded engine. Safe to call twice. */
  stop(): Promise<void>;
}

/** Path of the bundle the construct deploys for `metrics`. */
export function bundlePathFor(metrics: MetricsMode): string {
  const dir = metrics === 'emf' ? HANDLER_BUNDLES.embeddedMetricFormat : HANDLER_BUNDLES.putMetricData;
  return path.join(PACKAGE_ROOT, dir, 'index.mjs');
}

/** Path of the status-change function's bundle the construct deploys (cancel and status routes). */
export const LIFECYCLE_BUNDLE_PATH = path.join(PACKAGE_ROOT, ORDER_LIFECYCLE_BUNDLE, 'index.mjs');

/** Path of the read function's bundle the construct deploys. */
export const READ_BUNDLE_PATH = path.join(PACKAGE_ROOT, READ_API_BUNDLE, 'index.mjs');
/** The order-events consumer bundle the construct deploys, run on the local table's stream. */
export const ORDER_EVENTS_BUNDLE_PATH = path.join(PACKAGE_ROOT, ORDER_EVENTS_BUNDLE, 'index.mjs');

/** The accept queue of the API's socket (the kernel caps it at net.core.somaxconn, 4096 on current Linux). */
export const LISTEN_BACKLOG = 4096;

/** Where the local-only listing of every stored order lives (the deployed API has no such route). */
export const LOCAL_LIST_PATH = '/_local/orders';
/** Where the local-only list of the order events (OrderCreated, OrderStatusChanged) the consumer published lives. */
export const LOCAL_EVENTS_PATH = '/_local/events';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

// ts-node compiles this file to CommonJS, where `import()` would become `require()`, which cannot load an ES module.
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;

/** Sets the variables the Lambda runtime and the construct would set, unless the caller already did. */
function prepareHandlerEnvironment(o: { endpoint: string; tableName: string; logLevel: string; authorizer: LocalAuthorizer }) {
  const env: Record<string, string> = {
    // The SDK v3 honours service-specific endpoint variables natively; the handler needs no local-only code.
    AWS_ENDPOINT_URL_DYNAMODB: o.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_LAMBDA_FUNCTION_NAME: DEFAULT_FUNCTION_NAME,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(FUNCTION_MEMORY_MB),
    [HANDLER_ENV.tableName]: o.tableName,
    [HANDLER_ENV.environment]: 'local',
    [HANDLER_ENV.logLevel]: o.logLevel,
    [HANDLER_ENV.orderRetentionSeconds]: String(DEV_ORDER_RETENTION_SECONDS),
    // As the construct sets them: behind a JWT authorizer the read function and the cancel route admit the token's
    // customer only.
    [READ_API_ENV.access]: o.authorizer === 'jwt' ? 'TOKEN_OWNER' : 'IAM',
    [ORDER_LIFECYCLE_ENV.cancelAccess]: o.authorizer === 'jwt' ? 'TOKEN_OWNER' : 'IAM',
  };
  for (const [name, value] of Object.entries(env)) {
    // The endpoint, table and access mode are this server's own; everything else a caller may override from the shell.
    const own = ['AWS_ENDPOINT_URL_DYNAMODB', HANDLER_ENV.tableName, READ_API_ENV.access, ORDER_LIFECYCLE_ENV.cancelAccess];
    if (own.includes(name) || process.env[name] === undefined) {
      process.env[name] = value;
    }
  }
}

/**
 * Loads the handler export of an ESM bundle. `instance` names a module instance of its own: a bundle reads its
 * environment when it loads, so a second local API in the same process with other settings needs a fresh one.
 */
export async function loadHandler(bundlePath: string, instance?: string): Promise<Handler> {
  if (!fs.existsSync(bundlePath)) {
    throw new Error(`Handler bundle not found: ${bundlePath}. Build it first: npx projen bundle`);
  }
  const url = pathToFileURL(bundlePath).href + (instance !== undefined ? `?instance=${encodeURIComponent(instance)}` : '');
  const mod = await importEsm(url);
  if (typeof mod.handler !== 'function') throw new Error(`${bundlePath} does not export a handler function`);
  return mod.handler as Handler;
}

async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
    await createOrdersTable(client, tableName, { stream: true });
  }
}

/** Reads the body up to `limit` bytes; resolves undefined (and stops reading) when it is larger. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      // Drain without buffering and answer once the body is in, as API Gateway does: answering earlier and closing
      // the connection fails a client that is still sending (EPIPE) instead of giving it the 413.
      req.resume();
      req.on('end', () => resolve(undefined));
      req.on('error', reject);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, response: LocalHttpResponse, extraHeaders: Record<string, string> = {}) {
  res.writeHead(response.statusCode, { ...response.headers, ...extraHeaders });
  res.end(response.body);
}

function localOnlyJson(res: http.ServerResponse, statusCode: number, value: unknown) {
  const body = Buffer.from(JSON.stringify(value, null, 2) + '\n');
  // Marked so nobody mistakes this listing for part of the deployed API.
  res.writeHead(statusCode, { 'content-type': 'application/json', 'content-length': String(body.length), 'x-local-only': 'true' });
  res.end(body);
}

/** API Gateway's request id style: 16 random base64 characters (without padding). */
function gatewayRequestId(): string {
  return randomBytes(12).toString('base64').replace(/[+/]/g, 'A');
}

/**
 * Starts the local order API. Listens first, so a busy port fails before the engine is started; the engine is
 * stopped again when a later step fails.
 */
export async function startLocalOrderApi(options: LocalOrderApiOptions = {}): Promise<LocalOrderApi> {
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  const metrics = options.metrics ?? 'emf';
  const bundlePath = options.bundlePath ?? bundlePathFor(metrics);
  const timeoutMs = options.timeoutMs ?? HTTP_API_INTEGRATION_TIMEOUT_MS;
  const readBundlePath = options.readBundlePath ?? READ_BUNDLE_PATH;
  const authorizer = options.authorizer ?? 'none';
  const lifecycleBundlePath = options.lifecycleBundlePath ?? LIFECYCLE_BUNDLE_PATH;
  for (const file of [bundlePath, readBundlePath, lifecycleBundlePath]) {
    if (!fs.existsSync(file)) throw new Error(`Handler bundle not found: ${file}. Build it first: npx projen bundle`);
  }

  let handler: Handler | undefined;
  let readHandler: Handler | undefined;
  let lifecycleHandler: Handler | undefined;
  let raw: DynamoDBClient | undefined;
  let reader: DynamoDBDocumentClient | undefined;

  const server = http.createServer((req, res) => {
    void serve(req, res).catch((err) => {
      process.stderr.write(`local API: unexpected error: ${(err as Error).stack}\n`);
      if (!res.headersSent) send(res, gatewayResponse(500, 'Internal Server Error'));
      else res.destroy();
    });
  });
  // Longer than any client's idle reuse, so a client never writes onto a socket the server is just closing (ECONNRESET);
  // stop() closes every connection itself.
  server.keepAliveTimeout = 65_000;
  // Node's own 408 deadlines are not API Gateway behaviour; the 30 s integration timeout below is the limit that counts.
  server.requestTimeout = 0;
  server.headersTimeout = 120_000;

  async function serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const started = Date.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const { rawPath } = splitUrl(url);
    const requestId = gatewayRequestId();
    const finish = (status: number) => options.accessLog?.(`${method} ${url} ${status} ${Date.now() - started}ms ${requestId}`);

    // Requests that arrive while the engine and bundles start wait for them, so that no answer differs from the
    // deployed API's (the port is open early only so that a busy port fails before the engine starts).
    if (!handler || !readHandler || !lifecycleHandler || !reader) {
      if (!(await ready)) {
        send(res, gatewayResponse(503, 'Service Unavailable'));
        return finish(503);
      }
    }
    // LOCAL ONLY: the order events the consumer published to the EventBridge stand-in.
    if (method === 'GET' && rawPath === LOCAL_EVENTS_PATH) {
      const body = Buffer.from(recordedEventsJson(orderEvents?.stub.events ?? []));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length), 'x-local-only': 'true' });
      res.end(body);
      return finish(200);
    }
    // LOCAL ONLY: every stored order, straight from DynamoDB (the deployed API has no such route).
    if (method === 'GET' && rawPath === LOCAL_LIST_PATH) {
      const status = await localList(url, res);
      return finish(status);
    }
    // The committed OpenAPI document of the API, for clients and API tools pointed at the local API.
    if (method === 'GET' && rawPath === '/openapi.json') {
      const doc = fs.readFileSync(OPENAPI_FILE);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(doc.length) });
      res.end(doc);
      return finish(200);
    }
    // LOCAL ONLY: a readable reference of that document (local/api-reference.ts).
    const reference = method === 'GET' ? apiReference(rawPath) : undefined;
    if (reference) {
      res.writeHead(reference.statusCode, { ...reference.headers, 'content-length': String(reference.body.length) });
      res.end(reference.body);
      return finish(reference.statusCode);
    }
    const lifecycleRoute = matchLifecycleRoute(method, rawPath);
    const readRoute = matchReadRoute(method, rawPath) ?? lifecycleRoute;
    if (!readRoute && !matchesOrdersRoute(method, rawPath)) {
      req.resume();
      send(res, gatewayResponse(404, 'Not Found'), { 'apigw-requestid': requestId });
      return finish(404);
    }
    const target = (lifecycleRoute ? lifecycleHandler : readRoute ? readHandler : handler)!;
    const body = await readBody(req, HTTP_API_MAX_PAYLOAD_BYTES);
    if (body === undefined) {
      send(res, gatewayResponse(413, 'Request Entity Too Large'), { 'apigw-requestid': requestId, 'connection': 'close' });
      return finish(413);
    }
    const timeEpoch = Date.now();
    const event = toHttpApiEvent({
      method,
      url,
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
      protocol: `HTTP/${req.httpVersion}`,
    }, { requestId, timeEpoch, domainName: `127.0.0.1:${port}` }, readRoute?.routeKey);
    if (readRoute) event.pathParameters = readRoute.pathParameters;
    const routeKind = lifecycleRoute ? lifecycleRouteKind(lifecycleRoute.routeKey) : readRoute ? 'read' : 'createOrder';
    if (!authorize(event, routeAuthorization(authorizer, routeKind))) {
      send(res, gatewayResponse(401, 'Unauthorized'), { 'apigw-requestid': requestId });
      return finish(401);
    }
    const context = lambdaContext({
      awsRequestId: randomUUID(), functionName: DEFAULT_FUNCTION_NAME, memoryLimitInMB: FUNCTION_MEMORY_MB, timeoutMs, startedAt: timeEpoch,
    });

    let response: LocalHttpResponse;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
      const result = await Promise.race([target(event, context), timedOut]);
      // The HTTP API answers 503 when the integration does not answer within its timeout.
      response = result === 'timeout' ? gatewayResponse(503, 'Service Unavailable') : fromHandlerResult(result);
    } catch (err) {
      // A handler that throws is a failed invocation; the HTTP API turns it into a bare 500.
      process.stderr.write(`local API: handler threw (${context.awsRequestId}): ${(err as Error).stack ?? String(err)}\n`);
      response = gatewayResponse(500, 'Internal Server Error');
    } finally {
      clearTimeout(timer);
    }
    send(res, response, { 'apigw-requestid': requestId });
    finish(response.statusCode);
  }

  async function localList(url: string, res: http.ServerResponse): Promise<number> {
    try {
      const limit = Math.min(Math.max(Number(new URLSearchParams(splitUrl(url).rawQueryString).get('limit') ?? 20) || 20, 1), 1000);
      const page = await reader!.send(new ScanCommand({ TableName: tableName, Limit: limit }));
      const orders = page.Items ?? [];
      localOnlyJson(res, 200, { localOnly: true, count: orders.length, more: page.LastEvaluatedKey !== undefined, orders });
      return 200;
    } catch (err) {
      localOnlyJson(res, 503, { localOnly: true, message: `DynamoDB read failed: ${(err as Error).message}` });
      return 503;
    }
  }

  // 1. Port first: a port in use is the most common failure and must not leave an engine behind.
  const requestedPort = options.port ?? 3000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE'
        ? new Error(`Port ${requestedPort} on 127.0.0.1 is already in use. Stop whatever listens there or pass --port <another>.`)
        : err);
    });
    // A deep accept queue: an open-loop client opens a new connection whenever its open ones are busy, and with
    // Node's default of 511 a burst of them overflows it, which the kernel answers by dropping the SYN: a 1 s
    // retransmit (or ECONNRESET) charged to the API. API Gateway in front of Lambda does not refuse connections.
    server.listen({ port: requestedPort, host: '127.0.0.1', backlog: LISTEN_BACKLOG }, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : requestedPort;

  let engine: DynamoDbLocal | undefined;
  let orderEvents: LocalOrderEvents | undefined;
  let markReady: (ok: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => { markReady = resolve; });
  const closeServer = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  try {
    // 2. The engine (unless one was given), the table, then the handler: its SDK clients read the env at import.
    if (!options.dynamoDbEndpoint) engine = await startDynamoDbLocal({ dbPath: options.dataDir });
    const endpoint = options.dynamoDbEndpoint ?? engine!.endpoint;
    raw = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 2 });
    reader = DynamoDBDocumentClient.from(raw);
    await ensureTable(raw, tableName);
    const logLevel = options.logLevel ?? process.env[HANDLER_ENV.logLevel] ?? FUNCTION_DEFAULTS.logLevel;
    prepareHandlerEnvironment({ endpoint, tableName, authorizer, logLevel });
    handler = await loadHandler(bundlePath);
    readHandler = await loadHandler(readBundlePath, authorizer === 'jwt' ? 'token-owner' : undefined);
    lifecycleHandler = await loadHandler(lifecycleBundlePath, authorizer === 'jwt' ? 'token-owner' : undefined);
    if (options.orderEvents ?? true) {
      orderEvents = await startLocalOrderEvents({
        dynamoDbEndpoint: endpoint,
        tableName,
        load: (file) => loadHandler(file) as Promise<StreamHandler>,
        bundlePath: ORDER_EVENTS_BUNDLE_PATH,
        log: options.eventLog ?? ((line) => process.stderr.write(`${line}\n`)),
      });
    }

    markReady(true);
    let stopped: Promise<void> | undefined;
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      tableName,
      dynamoDbEndpoint: endpoint,
      engine,
      orderEvents,
      stop: () => {
        stopped ??= (async () => {
          await closeServer();
          await orderEvents?.stop();
          raw?.destroy();
          await engine?.stop();
        })();
        return stopped;
      },
    };
  } catch (err) {
    markReady(false);
    await closeServer();
    await orderEvents?.stop();
    raw?.destroy();
    await engine?.stop();
    throw err;
  }
}
