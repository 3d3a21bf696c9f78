/**
 * What the order logic needs from the outside world. The entry files wire real implementations (DynamoDB,
 * EMF or PutMetricData, stdout); tests wire fakes or mocked SDK clients.
 */
import { OrderRecord } from './core/order-record';
import { LogLevelName } from '../../contract/platform';

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
  /** The order's current version, the ETag a replay answers with. */
  readonly version: number;
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
