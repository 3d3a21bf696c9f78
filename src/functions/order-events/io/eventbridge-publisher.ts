/**
 * PutEvents through the kit's EventBridge client (runtime/aws-clients.ts). Its endpoint is the SDK's own resolution,
 * which honours AWS_ENDPOINT_URL_EVENTBRIDGE / AWS_ENDPOINT_URL (the local API and the integration test point it at
 * a stand-in).
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { isTransientAwsError } from '../../runtime/aws-errors';
import { EventEntry, PutEventsOutcome } from '../core/event-entry';
import { EventPublisher, PublishError } from '../ports';


export class EventBridgePublisher implements EventPublisher {
  constructor(private readonly client: EventBridgeClient) {}

  async putEvents(entries: readonly EventEntry[]): Promise<PutEventsOutcome> {
    let out;
    try {
      const Entries = entries.map((e) => ({ ...e, Resources: e.Resources ? [...e.Resources] : undefined }));
      out = await this.client.send(new PutEventsCommand({ Entries }));
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
