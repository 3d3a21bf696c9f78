/**
 * What the status-change logic needs from the outside world: one conditional writer of the orders table. The
 * wiring uses DynamoDB; tests wire fakes or DynamoDB Local. The logger and metrics sink are the kit's.
 */
import { StatusChange } from './core/transition';
import { LogLevelName, ReadAccessMode } from '../../contract/platform';
import { StoredItem } from '../model/order-view';

/** The function's configuration; the wiring reads it from the environment the construct sets (io/config.ts). */
export interface StatusChangeConfig {
  readonly tableName: string;
  readonly logLevel: LogLevelName;
  /** Who may call the cancel route: the token's customer (TOKEN_OWNER) or a granted service (IAM). */
  readonly cancelAccess: ReadAccessMode;
  /** Value of the business metrics' one dimension. */
  readonly metricsDimensionValue: string;
}

export type ChangeResult =
  /** Written; `item` is the order after the change. */
  | { readonly changed: true; readonly item: StoredItem }
  /** The condition failed; `old` is the order as it was, undefined when there is none. */
  | { readonly changed: false; readonly old?: StoredItem };

export interface OrderStatusStore {
  /** One conditional write; rejects with the model's store errors when DynamoDB fails. */
  changeStatus(change: StatusChange, abortSignal?: AbortSignal): Promise<ChangeResult>;
}
