/**
 * PutEvents through the SDK. The client's endpoint is the SDK's own resolution, which honours
 * AWS_ENDPOINT_URL_EVENTBRIDGE / AWS_ENDPOINT_URL (the local API and the integration test point it at a stand-in),
 * with the order handler's time limits: about 1 s to connect, 3 s per attempt, 3 attempts.
 */
import { DescribeEventBusCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { collectNodeStream, httpHandler, MAX_ATTEMPTS, withDeadline } from '../../runtime/aws-clients';
import { isTransientAwsError } from '../../runtime/aws-errors';
import { primeWithin } from '../../runtime/prime';
import { Logger } from '../../create-order/ports';
import { EventEntry, EventPublisher, PutEventsOutcome, PublishError } from '../ports';

export function createEventBridgeClient(): EventBridgeClient {
  return new EventBridgeClient({ maxAttempts: MAX_ATTEMPTS, requestHandler: httpHandler(), streamCollector: collectNodeStream });
}

/**
 * The EventBridge client's one-time work during init (credentials, endpoint rules, middleware, the connection), as
 * the order handler primes its DynamoDB client. PutEvents cannot be sent empty, so the priming request is
 * DescribeEventBus on the platform's bus: it publishes nothing and changes nothing, costs nothing, and needs only
 * `events:DescribeEventBus` on that bus. Bounded and never failing, like every priming (handler/io/prime.ts).
 */
export function primeEventBridge(o: { client: EventBridgeClient; busName: string; logger: Pick<Logger, 'warn'>; timeoutMs?: number }): Promise<void> {
  return primeWithin('EventBridge', (signal) => o.client.send(withDeadline(new DescribeEventBusCommand({ Name: o.busName }), signal)),
    o.logger, o.timeoutMs);
}

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
