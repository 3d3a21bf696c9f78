/**
 * PutEvents through the kit's EventBridge client (runtime/eventbridge-client.ts), each call with its deadline
 * (withDeadline). Its endpoint is the SDK's own resolution, which honours AWS_ENDPOINT_URL_EVENTBRIDGE /
 * AWS_ENDPOINT_URL (the local API and the integration test point it at a stand-in).
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { withDeadline } from '../../runtime/aws-clients';
import { isTransientAwsError } from '../../runtime/aws-errors';
import { EventEntry, PutEventsOutcome } from '../core/event-entry';
import { EventPublisher, PublishError } from '../ports';

/** The `send` of an EventBridge client, all the publisher needs (a rehearsal passes one answered in process). */
export type EventBridgeSender = Pick<EventBridgeClient, 'send'>;

export class EventBridgePublisher implements EventPublisher {
  constructor(private readonly client: EventBridgeSender) {}

  async putEvents(entries: readonly EventEntry[], abortSignal?: AbortSignal): Promise<PutEventsOutcome> {
    let out;
    try {
      const Entries = entries.map((e) => ({ ...e, Resources: e.Resources ? [...e.Resources] : undefined }));
      out = await this.client.send(withDeadline(new PutEventsCommand({ Entries }), abortSignal));
    } catch (e) {
      throw new PublishError(e, isTransientAwsError(e));
    }
    return {
      entries: (out.Entries ?? []).map((r) => ({
        ...(r.EventId !== undefined && { eventId: r.EventId }),
        ...(r.ErrorCode !== undefined && { errorCode: r.ErrorCode }),
        ...(r.ErrorMessage !== undefined && { errorMessage: r.ErrorMessage }),
      })),
    };
  }
}
