import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ResolvedProps } from './resolve-props';
import { MetricsPublisher } from '../props';

/**
 * The cdk-nag (v3) findings this design accepts, each on the one resource it concerns and with the reason. Anything
 * else that cdk-nag's AwsSolutions or Serverless packs report fails test/construct/cdk-nag.test.ts.
 *
 * The ids carry the pack prefix cdk-nag v3 reports them under (`AwsSolutions::…`, `Serverless::…`).
 */
export interface NagTargets {
  readonly handlerPolicy: IConstruct;
  readonly ordersRoute: IConstruct;
  readonly failureQueue: IConstruct;
  readonly emailSubscription?: IConstruct;
}

export function acknowledgeNagFindings(targets: NagTargets, config: ResolvedProps): void {
  const xrayAndMetrics = config.metricsPublisher === MetricsPublisher.PUT_METRIC_DATA
    ? ' cloudwatch:PutMetricData has no resource-level permissions either; it is limited by a cloudwatch:namespace condition.'
    : '';
  Validations.of(targets.handlerPolicy).acknowledge({
    id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
    reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords (active tracing) support no resource-level permissions.' + xrayAndMetrics,
  });
  if (!config.authorizer) {
    Validations.of(targets.ordersRoute).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason: 'POST /orders is public by default, as specified; pass the authorizer prop (e.g. a JWT authorizer) to require ' +
        'authorization. The handler validates every field and never trusts a body customerId when a token is present.',
    });
  }
  Validations.of(targets.failureQueue).acknowledge({
    id: 'Serverless::Serverless-SQSRedrivePolicy',
    reason: 'This queue is itself the dead-letter queue of the order handler; nothing consumes it, so a redrive target ' +
      'would never receive anything. Its depth is alarmed instead.',
  });
  if (targets.emailSubscription) {
    Validations.of(targets.emailSubscription).acknowledge({
      id: 'Serverless::Serverless-SNSRedrivePolicy',
      reason: 'E-mail subscription for alarm notifications: SNS retries e-mail delivery itself, and a queue of undelivered ' +
        'alarm e-mails would have no reader. The alarm state and history stay in CloudWatch.',
    });
  }
}
