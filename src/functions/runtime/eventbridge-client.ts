/**
 * The EventBridge client, built like the DynamoDB one (runtime/aws-clients.ts): the same time limits, a deadline per
 * call through withDeadline(), the middleware cache, and calls that can be answered in process for a rehearsal. A file
 * of its own so that only the bundles that publish events import the EventBridge client.
 */
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { clientSettings, withCallMarks } from './aws-clients';

export function createEventBridgeClient(): EventBridgeClient {
  return withCallMarks(new EventBridgeClient(clientSettings()));
}
