/**
 * What the order logic needs from the outside world. The entry files wire real implementations (DynamoDB,
 * EMF or PutMetricData, stdout); tests wire fakes or mocked SDK clients.
 */
import { LogLevelName } from '../../contract/platform';
import { OrderRecord } from './core/order-record';

/** The handler's configuration; the entry files read it from the environment variables the construct sets (io/config.ts). */
export interface HandlerConfig {
  readonly tableName: string;
  /** Value of the business metrics' one dimension (the construct passes its environmentSuffix). */
  readonly metricsDimensionValue: string;
  readonly logLevel: LogLevelName;
  /** Seconds until a stored order expires (TTL); undefined = orders are kept. */
  readonly retentionSeconds?: number;
}

/** The fields of a stored order needed to answer a retry exactly as the first time. */
export interface StoredOrderSummary {
  readonly orderId: string;
  readonly customerId: string;
  readonly createdAt: string;
  readonly totalAmount: string;
  readonly requestHash?: string;
}

export type PutResult =
  | { readonly created: true }
  /** The id was taken; `existing` is the stored order, or undefined if it vanished before it could be read. */
  | { readonly created: false; readonly existing?: StoredOrderSummary };

export interface OrderStore {
  /** One conditional write: stores the record unless an order with its id exists. */
  putIfAbsent(record: OrderRecord, abortSignal?: AbortSignal): Promise<PutResult>;
}

/** Throttled, timed out, unreachable or a 5xx from the service: retrying later can succeed (-> 503). */
export class StoreUnavailableError extends Error {
  public readonly name = 'StoreUnavailableError';
  constructor(public readonly cause: unknown) {
    super(`Order store unavailable: ${describe(cause)}`);
  }
}

/** The service refused the request for a reason retrying will not fix: permissions, missing table, ... (-> 500). */
export class StoreFaultError extends Error {
  public readonly name = 'StoreFaultError';
  constructor(public readonly cause: unknown) {
    super(`Order store fault: ${describe(cause)}`);
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e).slice(0, 300);
}

export type MetricUnit = 'Count' | 'None';
export interface MetricDatum {
  readonly name: string;
  readonly value: number;
  readonly unit: MetricUnit;
}

/** Where the business metrics go: an EMF line on stdout or a PutMetricData call (the construct's metricsPublisher). */
export interface MetricsSink {
  /**
   * Publishes one invocation's metrics. Rejects when they could not be published, and never logs: the order logic
   * alone decides what a failure means (a stored order stays a success) and logs it with the request's context.
   */
  publish(data: readonly MetricDatum[], properties: Readonly<Record<string, string>>): Promise<void>;
}

export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line (requestId, orderId). */
  child(fields: LogFields): Logger;
}

/** An error as safe log fields: its name, a bounded message and, for SDK errors, the HTTP status and request id. */
export function errorFields(e: unknown): LogFields {
  if (!(e instanceof Error)) return { errorName: typeof e, errorMessage: String(e).slice(0, 500) };
  const meta = (e as { $metadata?: { httpStatusCode?: number; requestId?: string } }).$metadata;
  const cause = (e as { cause?: unknown }).cause;
  return {
    errorName: e.name,
    errorMessage: e.message.slice(0, 500),
    ...(meta?.httpStatusCode !== undefined && { httpStatusCode: meta.httpStatusCode }),
    ...(meta?.requestId !== undefined && { awsRequestId: meta.requestId }),
    ...(cause instanceof Error && { causeName: cause.name }),
  };
}
