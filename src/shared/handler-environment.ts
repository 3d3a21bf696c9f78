/**
 * The environment variables the construct sets on the order handler, and the handler reads. One module, imported
 * by both sides, so a rename cannot break the contract silently.
 *
 * @internal
 */
export const HANDLER_ENV = {
  /** Name of the orders table (as the seed). */
  tableName: 'DYNAMODB_TABLE_NAME',
  /** Value of the `Environment` metric dimension: the construct's environmentSuffix (as the seed's ENVIRONMENT). */
  environment: 'ENVIRONMENT',
  /** Handler log level: DEBUG, INFO, WARN or ERROR. */
  logLevel: 'LOG_LEVEL',
  /** Seconds after which a stored order expires (TTL attribute written); absent = orders are kept. */
  orderRetentionSeconds: 'ORDER_RETENTION_SECONDS',
} as const;

/** Namespace of the handler's business metrics (as the seed). @internal */
export const METRICS_NAMESPACE = 'ECommerce/OrderProcessing';

/** Names of the handler's business metrics (as the seed). @internal */
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
  embeddedMetricFormat: 'assets/handler/entry-emf',
  putMetricData: 'assets/handler/entry-put-metric-data',
} as const;

/** Handler export inside each bundle's `index.mjs`. @internal */
export const HANDLER_EXPORT = 'index.handler';
