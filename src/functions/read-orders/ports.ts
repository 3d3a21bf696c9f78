/**
 * What the read logic needs from the outside world: one reader of the orders table. The entry file wires DynamoDB;
 * tests wire fakes or mocked SDK clients. The logger is the kit's (runtime/ports.ts), the store errors the model's.
 */
import { PageKey } from './core/page';
import { LogLevelName, ReadAccessMode } from '../../contract/platform';
import { StoredItem } from '../model/order-view';

/** The read function's configuration; the wiring reads it from the environment the construct sets (io/config.ts). */
export interface ReadApiConfig {
  readonly tableName: string;
  readonly logLevel: LogLevelName;
  readonly access: ReadAccessMode;
}

export interface CustomerOrdersQuery {
  readonly customerId: string;
  /** Items to ask DynamoDB for (the page size plus one, see core/page.ts). */
  readonly limit: number;
  readonly startKey?: PageKey;
}

export interface QueryPage {
  /** Newest first. */
  readonly items: readonly StoredItem[];
  /** DynamoDB's LastEvaluatedKey, when it stopped before the end. */
  readonly lastKey?: PageKey;
}

export interface OrderReader {
  /** Strongly consistent read of one order by id; undefined when there is none. */
  getOrder(orderId: string, abortSignal?: AbortSignal): Promise<StoredItem | undefined>;
  /** One query of the customer index, newest first (the index is eventually consistent). */
  queryCustomerOrders(query: CustomerOrdersQuery, abortSignal?: AbortSignal): Promise<QueryPage>;
}
