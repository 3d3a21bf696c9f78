/**
 * What the order-events consumer needs from the outside world: a way to put entries on the bus, metrics and logs.
 * The entry file wires EventBridge, EMF and stdout (the logger and metrics ports are the order handler's own);
 * tests wire fakes or mocked SDK clients.
 */
export type { Logger, LogFields, MetricDatum, MetricsSink } from '../create-order/ports';
export { errorFields } from '../create-order/ports';

/** One PutEvents request entry (the SDK's shape, without its optional fields we never set). */
export interface EventEntry {
  readonly EventBusName: string;
  readonly Source: string;
  readonly DetailType: string;
  readonly Detail: string;
  readonly Time?: Date;
  readonly Resources?: readonly string[];
}

/** The per-entry answer of one PutEvents call, in request order. */
export interface PutEventsOutcome {
  readonly entries: readonly { readonly eventId?: string; readonly errorCode?: string; readonly errorMessage?: string }[];
}

export interface EventPublisher {
  /** One PutEvents call. Rejects with {@link PublishError} when the call itself fails. */
  putEvents(entries: readonly EventEntry[]): Promise<PutEventsOutcome>;
}

/** The whole PutEvents call failed; `transient` when retrying later can succeed (throttling, timeouts, 5xx). */
export class PublishError extends Error {
  public readonly name = 'PublishError';
  constructor(public readonly cause: unknown, public readonly transient: boolean) {
    super(`PutEvents failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 300) : String(cause).slice(0, 300)}`);
  }
}
