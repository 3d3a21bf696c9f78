/** What the consumer sends and gets back, in the shapes of EventBridge's PutEvents (core logic builds and reads them). */

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
