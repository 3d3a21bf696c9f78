/**
 * The contract between the construct and the functions it deploys, in one module imported by both sides (and by the
 * local API, the benchmark and the tests), so a rename or a changed default cannot break it silently: environment
 * variable names, where each bundle lives, which one each metrics publisher gets and what it exports, log levels,
 * metric names, the functions' defaults and the bundle size budget. The table's key schema is in
 * `orders-table-schema.ts`, beside this file.
 */

/**
 * The environment variables the construct sets on the order handler, and the handler reads.
 *
 * @internal
 */
export const HANDLER_ENV = {
  /** Name of the orders table (the name the original specification used). */
  tableName: 'DYNAMODB_TABLE_NAME',
  /**
   * Value of the `Environment` metric dimension (the handler's `metricsDimensionValue`): the construct's
   * environmentSuffix. The variable keeps the original specification's name, so existing function settings still hold.
   */
  environment: 'ENVIRONMENT',
  /** Handler log level, one of {@link LOG_LEVELS}; unset means the default, any other value fails the cold start. */
  logLevel: 'LOG_LEVEL',
  /** Seconds after which a stored order expires (TTL attribute written); absent = orders are kept. */
  orderRetentionSeconds: 'ORDER_RETENTION_SECONDS',
} as const;

/** Namespace of the handler's business metrics (the original specification's, so existing dashboards keep working). @internal */
export const METRICS_NAMESPACE = 'ECommerce/OrderProcessing';

/** Names of the handler's business metrics (the original specification's). @internal */
export const BUSINESS_METRICS = {
  ordersProcessed: 'OrdersProcessed',
  orderValue: 'OrderValue',
  orderErrors: 'OrderErrors',
} as const;

/** Name of the single dimension of every business metric. @internal */
export const METRICS_DIMENSION = 'Environment';

/**
 * Where the build puts each handler bundle, relative to the package root (see `.projenrc.ts`). The default bundle
 * publishes metrics in the embedded metric format; the other calls PutMetricData.
 *
 * @internal
 */
export const HANDLER_BUNDLES = {
  embeddedMetricFormat: 'assets/functions/create-order/entry-emf',
  putMetricData: 'assets/functions/create-order/entry-put-metric-data',
} as const;

/**
 * The bundle deployed for each value of the construct's `MetricsPublisher` enum, keyed by the enum's string values (a
 * test checks every value has one). Data rather than a switch in the construct, so the local API, the benchmark and
 * the tests pick the same bundle the construct deploys.
 *
 * @internal
 */
export const METRICS_PUBLISHER_BUNDLES = {
  EMBEDDED_METRIC_FORMAT: HANDLER_BUNDLES.embeddedMetricFormat,
  PUT_METRIC_DATA: HANDLER_BUNDLES.putMetricData,
} as const;

/**
 * Where the build puts the read function's bundle (`GET /orders/{orderId}`, `GET /customers/{customerId}/orders`),
 * relative to the package root (see `.projenrc.ts`). It exports {@link HANDLER_EXPORT} like the order handler's.
 *
 * @internal
 */
export const READ_API_BUNDLE = 'assets/functions/read-orders/entry';

/**
 * The routes of the HTTP API, in API Gateway's route-key syntax. The construct creates them, the functions dispatch
 * on `routeKey`, the OpenAPI document describes them and the local API serves them, all from these values.
 *
 * @internal
 */
export const API_ROUTES = {
  createOrder: { method: 'POST', path: '/orders' },
  getOrder: { method: 'GET', path: '/orders/{orderId}' },
  listCustomerOrders: { method: 'GET', path: '/customers/{customerId}/orders' },
  cancelOrder: { method: 'POST', path: '/orders/{orderId}/cancel' },
  changeOrderStatus: { method: 'POST', path: '/orders/{orderId}/status' },
} as const;

/** `METHOD /path` as API Gateway writes it into an event's `routeKey`. @internal */
export function routeKey(route: { readonly method: string; readonly path: string }): string {
  return `${route.method} ${route.path}`;
}

/**
 * Where the build puts the status-change function's bundle (`POST /orders/{orderId}/cancel` and
 * `POST /orders/{orderId}/status`), relative to the package root (see `.projenrc.ts`). It exports {@link HANDLER_EXPORT}.
 *
 * @internal
 */
export const ORDER_LIFECYCLE_BUNDLE = 'assets/functions/change-order-status/entry';

/**
 * The status-change function's own environment variable, beside the shared {@link HANDLER_ENV} names it also reads
 * (table name, environment, log level).
 *
 * @internal
 */
export const ORDER_LIFECYCLE_ENV = {
  /**
   * How callers of the cancel route are authorized: one of {@link READ_ACCESS_MODES} (`TOKEN_OWNER`: the token's
   * customer cancels their own orders; `IAM`: a granted service). The status route is always IAM.
   */
  cancelAccess: 'CANCEL_ACCESS',
} as const;

/** The status-change function's business metrics, in {@link METRICS_NAMESPACE} with the {@link METRICS_DIMENSION} dimension. @internal */
export const ORDER_LIFECYCLE_METRICS = {
  /** Status changes written (no-ops and refusals are not counted). */
  statusChanges: 'OrderStatusChanges',
  /** Of those, changes to `cancelled`. */
  cancellations: 'OrdersCancelled',
} as const;

/**
 * The read function's own environment variable, beside the shared {@link HANDLER_ENV} names it also reads
 * (table name, environment, log level).
 *
 * @internal
 */
export const READ_API_ENV = {
  /** How callers of the GET routes are authorized: one of {@link READ_ACCESS_MODES}. */
  access: 'READ_ACCESS',
} as const;

/**
 * `TOKEN_OWNER`: an authorizer validated a token and the function admits only the customer named by its `sub` claim.
 * `IAM`: API Gateway checked a SigV4 signature against an IAM policy granting `execute-api:Invoke`; the caller is a
 * trusted service and may read any customer's orders.
 *
 * @internal
 */
export const READ_ACCESS_MODES = ['TOKEN_OWNER', 'IAM'] as const;
/** @internal */
export type ReadAccessMode = typeof READ_ACCESS_MODES[number];

/** Handler export inside each bundle's `index.mjs`. @internal */
export const HANDLER_EXPORT = 'index.handler';

/**
 * Log levels of the functions' structured logs: the values of the construct's `HandlerLogLevel` enum (a test checks
 * they are the same), here as data because a function bundle cannot import the construct's props module.
 *
 * @internal
 */
export const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;
/** @internal */
export type LogLevelName = typeof LOG_LEVELS[number];

/**
 * Defaults of every function the construct deploys, shared with the local API and the benchmark so that what runs
 * locally is sized and configured like what is deployed.
 *
 * @internal
 */
export const FUNCTION_DEFAULTS = {
  /** Lambda memory, MB. */
  memorySizeMb: 256,
  /** Lambda timeout, seconds; the HTTP API's integration timeout (30 s, fixed) is the ceiling. */
  timeoutSeconds: 30,
  /** Orders expire after this many days in DEV; STAGING and PROD keep them. */
  devOrderRetentionDays: 30,
  /** Log level when none is configured. */
  logLevel: 'INFO' as LogLevelName,
} as const;

/** Largest acceptable size of each function bundle's `index.mjs`, bytes. @internal */
export const BUNDLE_BUDGET_BYTES = 300 * 1024;

/**
 * The environment variables the construct sets on the order-events consumer (besides {@link HANDLER_ENV}'s
 * `environment` and `logLevel`, which it reads under the same names).
 *
 * @internal
 */
export const ORDER_EVENTS_ENV = {
  /** ARN (or name) of the event bus the consumer publishes to; an ARN also reaches a bus in another account. */
  bus: 'ORDER_EVENTS_BUS',
  /** `Source` of every entry: `<projectName>.orders`. */
  source: 'ORDER_EVENTS_SOURCE',
} as const;

/**
 * Where the build puts the order-events consumer's bundles (see `.projenrc.ts`), one per metrics publisher as for the
 * order handler; each exports {@link HANDLER_EXPORT}.
 *
 * @internal
 */
export const ORDER_EVENTS_BUNDLES = {
  embeddedMetricFormat: 'assets/functions/order-events/entry-emf',
  putMetricData: 'assets/functions/order-events/entry-put-metric-data',
} as const;

/** The consumer bundle deployed for each value of the construct's `MetricsPublisher` enum, as {@link METRICS_PUBLISHER_BUNDLES}. @internal */
export const ORDER_EVENTS_METRICS_PUBLISHER_BUNDLES = {
  EMBEDDED_METRIC_FORMAT: ORDER_EVENTS_BUNDLES.embeddedMetricFormat,
  PUT_METRIC_DATA: ORDER_EVENTS_BUNDLES.putMetricData,
} as const;

/** The default (EMF) consumer bundle, the one the local API runs. @internal */
export const ORDER_EVENTS_BUNDLE = ORDER_EVENTS_BUNDLES.embeddedMetricFormat;

/**
 * What every order event is: the `DetailType`, the detail's `schemaVersion` (raised only on an incompatible change),
 * and the suffix that turns the project name into the `Source`.
 *
 * @internal
 */
export const ORDER_EVENT = {
  detailType: 'OrderCreated',
  schemaVersion: 1,
  sourceSuffix: '.orders',
} as const;

/** What every status-change event is: its `DetailType` and the detail's `schemaVersion` (as {@link ORDER_EVENT}'s). @internal */
export const ORDER_STATUS_CHANGED_EVENT = {
  detailType: 'OrderStatusChanged',
  schemaVersion: 1,
} as const;

/**
 * The stream records the order-events consumer is invoked with (the event source mapping's filter, and the local
 * runner's): new orders (INSERT) and changed ones (MODIFY). TTL deletes (REMOVE) never invoke it.
 *
 * @internal
 */
export const ORDER_EVENTS_STREAM_EVENT_NAMES = ['INSERT', 'MODIFY'] as const;

/** `Source` of the order events of a project. @internal */
export function orderEventSource(projectName: string): string {
  return `${projectName}${ORDER_EVENT.sourceSuffix}`;
}

/** The consumer's metrics, in {@link METRICS_NAMESPACE} with the {@link METRICS_DIMENSION} dimension. @internal */
export const ORDER_EVENTS_METRICS = {
  /** Entries EventBridge accepted. */
  published: 'OrderEventsPublished',
  /** Records that can never become an entry (malformed image, entry too large), counted each time one is seen. */
  unpublishable: 'OrderEventsUnpublishable',
} as const;

/**
 * Timeout and retry bounds of the consumer and its event source mapping, shared with the local runner so that what
 * runs locally retries like what is deployed. Its memory is {@link FUNCTION_DEFAULTS}'; the timeout is its own, as no
 * HTTP integration bounds a stream batch.
 *
 * @internal
 */
export const ORDER_EVENTS_DEFAULTS = {
  /** A batch is at most 10 PutEvents calls of about 13 s worst case each, made concurrently. */
  timeoutSeconds: 60,
  /** Records per invocation (DynamoDB streams' default); 10 PutEvents calls at 10 entries each. */
  batchSize: 100,
  /** Retries of a failed record before its batch goes to the on-failure queue. */
  retryAttempts: 10,
  /** Oldest record still retried, seconds: far inside the stream's 24 h retention, so it can still be read. */
  maxRecordAgeSeconds: 6 * 3600,
  /** Archive retention of a created bus, days. */
  archiveRetentionDays: 30,
  /** IteratorAge above which events count as delayed, seconds. */
  iteratorAgeAlarmSeconds: 300,
} as const;
