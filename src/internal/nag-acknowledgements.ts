import * as fs from 'node:fs';
import { Annotations, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { BACKUP_MANAGED_POLICIES } from './backup';
import { ResolvedProps } from './resolve-props';
import { MetricsPublisher } from '../props';

/**
 * The cdk-nag (v3) findings this design accepts, each on the one resource it concerns and with the reason. Anything
 * else that cdk-nag's AwsSolutions, Serverless, NIST 800-53 R5, HIPAA Security or PCI DSS 3.2.1 packs report fails
 * test/construct/cdk-nag.test.ts.
 */
export interface NagTargets {
  readonly handlerPolicy: IConstruct;
  readonly ordersRoute: IConstruct;
  readonly failureQueue: IConstruct;
  readonly emailSubscription?: IConstruct;
  readonly orderEventsPolicy?: IConstruct;
  readonly orderEventsFailureQueue?: IConstruct;
  readonly orderEventsConsumer?: IConstruct;
  readonly backupRole?: IConstruct;
  readonly backupAlertRules?: IConstruct[];
}

export function acknowledgeNagFindings(targets: NagTargets, config: ResolvedProps): void {
  if (!mayAcknowledge(targets.handlerPolicy)) return;
  const putMetricData = config.metricsPublisher === MetricsPublisher.PUT_METRIC_DATA
    ? ' cloudwatch:PutMetricData has no resource-level permissions either; it is limited by a cloudwatch:namespace condition.'
    : '';
  acknowledge(targets.handlerPolicy, 'AwsSolutions-IAM5[Resource::*]',
    'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions.' +
    putMetricData + networkInterfacesReason(config));
  if (!config.authorizer) {
    acknowledge(targets.ordersRoute, 'AwsSolutions-APIG4',
      'POST /orders is public by default, as specified; pass the authorizer prop (e.g. a JWT authorizer) to require ' +
      'authorization. The handler validates every field and never trusts a body customerId when a token is present.');
  }
  acknowledge(targets.failureQueue, 'Serverless-SQSRedrivePolicy',
    'This queue is itself the dead-letter queue of the order handler; nothing consumes it, so a redrive target ' +
    'would never receive anything. Its depth is alarmed instead.');
  if (targets.backupRole) {
    for (const policy of BACKUP_MANAGED_POLICIES) {
      acknowledge(targets.backupRole, `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy}]`,
        'The role AWS Backup assumes for the table carries the AWS-managed backup and restore policies, which AWS ' +
        'documents for this role and keeps current as AWS Backup changes; the table is its only selected resource.');
    }
  }
  for (const rule of targets.backupAlertRules ?? []) {
    acknowledge(rule, 'Serverless-EventBusDLQ',
      'The rule\'s one target is the alert topic: a queue of undelivered backup alerts would have no reader. ' +
      'EventBridge retries delivery for 24 hours, and the failed job stays listed in AWS Backup.');
  }
  // The NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 packs: the only finding on the platform's resources.
  for (const pack of INLINE_POLICY_PACKS) {
    acknowledge(targets.handlerPolicy, `${pack}-IAMNoInlinePolicy`,
      'The handler role\'s policy lists only this platform\'s table, key, queue and log group (plus the actions ' +
      'with no resource-level permissions), and is attached to that one role: a customer managed policy would hold ' +
      'the same statements in a separate resource with nothing to share them with, and AWS managed policies grant ' +
      'far more (AWSLambdaVPCAccessExecutionRole: every log group).');
  }
  if (targets.emailSubscription) {
    acknowledge(targets.emailSubscription, 'Serverless-SNSRedrivePolicy',
      'E-mail subscription for alarm notifications: SNS retries e-mail delivery itself, and a queue of undelivered ' +
      'alarm e-mails would have no reader. The alarm state and history stay in CloudWatch.');
  }
  if (targets.orderEventsPolicy) {
    acknowledge(targets.orderEventsPolicy, 'AwsSolutions-IAM5[Resource::*]',
      'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions. ' +
      'The stream reads the DynamoDB event source grants name the table stream ARN.' + putMetricData + networkInterfacesReason(config));
    const dataKeyReason = 'Granted by aws-cdk-lib for sending to the KMS-encrypted on-failure queue (SqsDlq -> ' +
      'Queue.grantSendMessages): the wildcard covers only the variants of one data-key operation, on the platform key ARN alone.';
    acknowledge(targets.orderEventsPolicy, 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]', dataKeyReason);
    acknowledge(targets.orderEventsPolicy, 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', dataKeyReason);
  }
  if (targets.orderEventsFailureQueue) {
    acknowledge(targets.orderEventsFailureQueue, 'Serverless-SQSRedrivePolicy',
      'This queue is itself the on-failure destination of the order-events stream mapping; its messages describe ' +
      'stream batches for an operator to replay, so a redrive target would only move them. Its depth is alarmed.');
    acknowledge(targets.orderEventsFailureQueue, 'AwsSolutions-SQS3',
      'This queue is a dead-letter queue: the on-failure destination of the order-events stream mapping (cdk-nag ' +
      'recognises only a function or queue DLQ, not an event source mapping destination).');
  }
  if (targets.orderEventsConsumer) {
    const streamOnlyDlq = 'The consumer is only invoked synchronously by its DynamoDB stream mapping, whose on-failure ' +
      'destination (the order-events failure queue) receives failed batches; a function DLQ receives failed ' +
      'asynchronous invocations, which never happen.';
    acknowledge(targets.orderEventsConsumer, 'Serverless-LambdaDLQ', streamOnlyDlq);
    // The NIST 800-53 R5 and HIPAA Security packs: the consumer's inline policy, and the same two deliberate choices
    // as the read function's, for a stream consumer's own reasons.
    for (const pack of INLINE_POLICY_PACKS) {
      if (targets.orderEventsPolicy) {
        acknowledge(targets.orderEventsPolicy, `${pack}-IAMNoInlinePolicy`,
          'The order-events role\'s policy lists only this platform\'s table stream, bus, failure queue, key and ' +
          'order-events log group (plus the actions with no resource-level permissions), and is attached to that one ' +
          'role: a customer managed policy would hold the same statements in a separate resource with nothing to share them with.');
      }
      if (pack === 'PCI.DSS.321') continue; // the PCI DSS pack checks neither a function's DLQ nor its concurrency
      acknowledge(targets.orderEventsConsumer, `${pack}-LambdaDLQ`, streamOnlyDlq);
      acknowledge(targets.orderEventsConsumer, `${pack}-LambdaConcurrency`,
        'No reserved concurrency for the order-events consumer, on purpose: a stream mapping runs at most one ' +
        'invocation per shard of the table stream at a time (parallelization factor 1), so the consumer can never ' +
        'burst into the account\'s pool, while a reservation below the shard count would throttle it and delay events ' +
        '(its IteratorAge alarm reports a consumer that falls behind).');
    }
  }
}

/** The read function's findings (see src/internal/read-api.ts). */
export interface ReadApiNagTargets {
  readonly readPolicy: IConstruct;
  readonly readFunction: IConstruct;
}

export function acknowledgeReadApiNagFindings(targets: ReadApiNagTargets, config: ResolvedProps): void {
  if (!mayAcknowledge(targets.readPolicy)) return;
  acknowledge(targets.readPolicy, 'AwsSolutions-IAM5[Resource::*]',
    'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions. ' +
    'Every other statement of the read role names the table, its CustomerOrderIndex or the key.' +
    networkInterfacesReason(config));
  const noDeadLetterQueue = 'The read function is invoked only synchronously, by the HTTP API: a failed read is a 5xx ' +
    'to the caller and an Errors alarm, and a dead-letter queue (which receives failed asynchronous invocations only) ' +
    'would stay empty; sending to one would also be the read role\'s only write.';
  acknowledge(targets.readFunction, 'Serverless-LambdaDLQ', noDeadLetterQueue);
  // The NIST 800-53 R5 and HIPAA Security packs: the same inline-policy finding as the handler's, and the two choices
  // the read function makes on purpose (no dead-letter queue, no reserved concurrency).
  for (const pack of INLINE_POLICY_PACKS) {
    acknowledge(targets.readPolicy, `${pack}-IAMNoInlinePolicy`,
      'The read role\'s policy lists only this platform\'s table, its CustomerOrderIndex, the key and the read log group ' +
      '(plus the actions with no resource-level permissions), and is attached to that one role: a customer managed ' +
      'policy would hold the same statements in a separate resource with nothing to share them with.');
    if (pack === 'PCI.DSS.321') continue; // the PCI DSS pack checks neither a function's DLQ nor its concurrency
    acknowledge(targets.readFunction, `${pack}-LambdaDLQ`, noDeadLetterQueue);
    acknowledge(targets.readFunction, `${pack}-LambdaConcurrency`,
      'No reserved concurrency for the read function, on purpose: the order handler\'s reservation already keeps a ' +
      'burst of reads from taking capacity from order intake, the stage throttle bounds every route, and a second ' +
      'reservation would take another slice of the account\'s unreserved pool for a path that can wait and retry. ' +
      'Its Throttles alarm reports when the unreserved pool runs out.');
  }
}

/** The packs whose IAMNoInlinePolicy rule reports the function roles' policies (each acknowledged with its reason). */
const INLINE_POLICY_PACKS = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/**
 * The first aws-cdk-lib release that matches an acknowledgement only on its own construct and below
 * (aws/aws-cdk#38495, fixed by #38789). Before it, acknowledging a rule id on one of our resources silenced that rule on
 * every construct of the app, the user's own included.
 */
export const SCOPED_ACKNOWLEDGEMENTS_SINCE = '2.271.0';

/** True when `version` (of aws-cdk-lib) scopes acknowledgements to their construct; false for older or unknown ones. */
export function scopesAcknowledgements(version: string | undefined): boolean {
  const parse = (v: string) => /^(\d+)\.(\d+)\.(\d+)/.exec(v)?.slice(1).map(Number);
  const have = version ? parse(version) : undefined;
  const need = parse(SCOPED_ACKNOWLEDGEMENTS_SINCE)!;
  if (!have) return false;
  for (let i = 0; i < 3; i++) if (have[i] !== need[i]) return have[i] > need[i];
  return true;
}

/** The version of the aws-cdk-lib this construct runs with (the app's: it is a peer dependency). */
function cdkLibVersion(): string | undefined {
  try {
    return JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/**
 * Whether the platform may record acknowledgements, given the aws-cdk-lib version it runs with. On a release older
 * than SCOPED_ACKNOWLEDGEMENTS_SINCE it records none and warns on the stack instead: the platform's accepted findings
 * then show up too, but never hide a user's.
 */
export function mayAcknowledge(scope: IConstruct, version: string | undefined = cdkLibVersion()): boolean {
  if (scopesAcknowledgements(version)) return true;
  Annotations.of(Stack.of(scope)).addWarningV2('cdk-order-processing-platform:acknowledgementsNotScoped',
    `aws-cdk-lib ${version ?? '(version unknown)'} applies a Validations acknowledgement to every construct of the app, ` +
    'so the platform records none of its cdk-nag acknowledgements (they would hide your own findings). Use aws-cdk-lib ' +
    `${SCOPED_ACKNOWLEDGEMENTS_SINCE} or newer to have them: ` +
    'https://github.com/orderprocessing/cdk-order-processing-platform/blob/main/docs/compliance.md');
  return false;
}

export interface OrderLifecycleNagTargets {
  readonly policy: IConstruct;
  readonly fn: IConstruct;
}

export function acknowledgeOrderLifecycleNagFindings(targets: OrderLifecycleNagTargets, config: ResolvedProps): void {
  if (!mayAcknowledge(targets.policy)) return;
  acknowledge(targets.policy, 'AwsSolutions-IAM5[Resource::*]',
    'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions. ' +
    'Every other statement of the status-change role names the table, the key or its log group.' +
    networkInterfacesReason(config));
  const noDeadLetterQueue = 'The status-change function is invoked only synchronously, by the HTTP API: a failed change ' +
    'is a 5xx to the caller and an Errors alarm, and a dead-letter queue (which receives failed asynchronous invocations ' +
    'only) would stay empty.';
  acknowledge(targets.fn, 'Serverless-LambdaDLQ', noDeadLetterQueue);
  for (const pack of INLINE_POLICY_PACKS) {
    acknowledge(targets.policy, `${pack}-IAMNoInlinePolicy`,
      'The status-change role\'s policy lists only this platform\'s table (UpdateItem), the key and its log group (plus ' +
      'the actions with no resource-level permissions), and is attached to that one role: a customer managed policy ' +
      'would hold the same statements in a separate resource with nothing to share them with.');
    if (pack === 'PCI.DSS.321') continue; // the PCI DSS pack checks neither a function's DLQ nor its concurrency
    acknowledge(targets.fn, `${pack}-LambdaDLQ`, noDeadLetterQueue);
    acknowledge(targets.fn, `${pack}-LambdaConcurrency`,
      'No reserved concurrency for the status-change function, as for the read function: order intake keeps its own ' +
      'reservation, the stage throttle bounds every route, and a throttled change can be retried (a repeated change is ' +
      'a no-op). Its Throttles alarm reports when the unreserved pool runs out.');
  }
}

/** The extra reason an IAM5 acknowledgement needs in a VPC: the ENI actions Lambda performs with the role. */
function networkInterfacesReason(config: ResolvedProps): string {
  return config.networking
    ? ' In the VPC, Lambda creates and deletes the function\'s network interfaces with this role; the ec2 ENI actions ' +
      'cannot name interfaces that do not exist yet.'
    : '';
}

/**
 * Records an acknowledgement the way `Validations.of(scope).acknowledge()` does (construct metadata under
 * `Validations.ACKNOWLEDGED_RULES_METADATA_KEY`, which cdk-nag v3 reads), with the finding id exactly as cdk-nag
 * reports it. `acknowledge()` itself rejects ids containing `::` on older aws-cdk-lib releases (2.263 among them),
 * and finding ids such as `AwsSolutions-IAM5[Resource::*]` contain it; this keeps the construct working from the
 * oldest aws-cdk-lib it supports.
 */
function acknowledge(scope: IConstruct, id: string, reason: string): void {
  scope.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
}
