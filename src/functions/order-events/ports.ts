/**
 * What the order-events consumer needs from the outside world beyond the kit's logger and metrics
 * (runtime/ports.ts): a way to put entries on the bus. The wiring uses EventBridge; tests wire fakes or mocked SDK
 * clients.
 */
import { EventEntry, PutEventsOutcome } from './core/event-entry';
import { LogLevelName } from '../../contract/platform';

/** The consumer's configuration; the wiring reads it from the environment the construct sets (io/config.ts). */
export interface OrderEventsConfig {
  /** Event bus ARN or name. */
  readonly busName: string;
  readonly source: string;
  /** Value of the Environment metric dimension. */
  readonly metricsDimensionValue: string;
  readonly logLevel: LogLevelName;
}

export interface EventPublisher {
  /**
   * One PutEvents call, aborted when `abortSignal` fires (the invocation's deadline). Rejects with
   * {@link PublishError} when the call itself fails.
   */
  putEvents(entries: readonly EventEntry[], abortSignal?: AbortSignal): Promise<PutEventsOutcome>;
}

/** The whole PutEvents call failed; `transient` when retrying later can succeed (throttling, timeouts, 5xx). */
export class PublishError extends Error {
  public readonly name = 'PublishError';
  constructor(public readonly cause: unknown, public readonly transient: boolean) {
    super(`PutEvents failed: ${cause instanceof Error ? `${cause.name}: ${cause.message}`.slice(0, 300) : String(cause).slice(0, 300)}`);
  }
}
