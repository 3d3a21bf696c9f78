import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ResolvedProps } from './resolve-props';
import { MetricsPublisher } from '../props';

/**
 * The cdk-nag (v3) findings this design accepts, each on the one resource it concerns and with the reason. Anything
 * else that cdk-nag's AwsSolutions or Serverless packs report fails test/construct/cdk-nag.test.ts.
 */
export interface NagTargets {
  readonly handlerPolicy: IConstruct;
  readonly ordersRoute: IConstruct;
  readonly failureQueue: IConstruct;
  readonly emailSubscription?: IConstruct;
  readonly orderEventsPolicy?: IConstruct;
  readonly orderEventsFailureQueue?: IConstruct;
  readonly orderEventsConsumer?: IConstruct;
}

export function acknowledgeNagFindings(targets: NagTargets, config: ResolvedProps): void {
  const putMetricData = config.metricsPublisher === MetricsPublisher.PUT_METRIC_DATA
    ? ' cloudwatch:PutMetricData has no resource-level permissions either; it is limited by a cloudwatch:namespace condition.'
    : '';
  acknowledge(targets.handlerPolicy, 'AwsSolutions-IAM5[Resource::*]',
    'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions.' + putMetricData);
  if (!config.authorizer) {
    acknowledge(targets.ordersRoute, 'AwsSolutions-APIG4',
      'POST /orders is public by default, as specified; pass the authorizer prop (e.g. a JWT authorizer) to require ' +
      'authorization. The handler validates every field and never trusts a body customerId when a token is present.');
  }
  acknowledge(targets.failureQueue, 'Serverless-SQSRedrivePolicy',
    'This queue is itself the dead-letter queue of the order handler; nothing consumes it, so a redrive target ' +
    'would never receive anything. Its depth is alarmed instead.');
  if (targets.emailSubscription) {
    acknowledge(targets.emailSubscription, 'Serverless-SNSRedrivePolicy',
      'E-mail subscription for alarm notifications: SNS retries e-mail delivery itself, and a queue of undelivered ' +
      'alarm e-mails would have no reader. The alarm state and history stay in CloudWatch.');
  }
  if (targets.orderEventsPolicy) {
    acknowledge(targets.orderEventsPolicy, 'AwsSolutions-IAM5[Resource::*]',
      'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions, and ' +
      'dynamodb:ListStreams, which the DynamoDB event source grants, has none either; stream reads themselves are ' +
      'scoped to the table stream ARN.');
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
    acknowledge(targets.orderEventsConsumer, 'Serverless-LambdaDLQ',
      'The consumer is only invoked synchronously by its DynamoDB stream mapping, whose on-failure destination (the ' +
      'order-events failure queue) receives failed batches; a function DLQ receives failed asynchronous invocations, which never happen.');
  }
}

/** The read function's findings (see src/internal/read-api.ts). */
export interface ReadApiNagTargets {
  readonly readPolicy: IConstruct;
  readonly readFunction: IConstruct;
}

export function acknowledgeReadApiNagFindings(targets: ReadApiNagTargets): void {
  acknowledge(targets.readPolicy, 'AwsSolutions-IAM5[Resource::*]',
    'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions. ' +
    'Every other statement of the read role names the table, its CustomerOrderIndex or the key.');
  acknowledge(targets.readFunction, 'Serverless-LambdaDLQ',
    'The read function is invoked only synchronously, by the HTTP API: a failed read is a 5xx to the caller and an ' +
    'Errors alarm, and a dead-letter queue (which receives failed asynchronous invocations only) would stay empty.');
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
