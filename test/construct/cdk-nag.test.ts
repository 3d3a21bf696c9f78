/**
 * cdk-nag v3 (AwsSolutions and Serverless packs) on the real synthesized construct: zero unacknowledged findings, and
 * every acknowledgement carries a reason. The NIST 800-53 R5 and HIPAA packs are reported in the README; their
 * remaining findings (backup plan, VPC, inline policy) are design choices listed there.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { MetricsPublisher, OrderProcessingPlatform, OrderProcessingPlatformProps } from '../../src';

interface Violation { ruleName: string; violatingConstructs: { constructPath: string }[] }

function nag(props: (stack: Stack) => OrderProcessingPlatformProps, extra?: (stack: Stack) => void): { violations: Violation[]; stack: Stack } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  const app = new App({ analyticsReporting: false, outdir });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
  const stack = new Stack(app, 'NagStack');
  new OrderProcessingPlatform(stack, 'Orders', props(stack));
  extra?.(stack);
  let thrown: Error | undefined;
  try { app.synth(); } catch (err) { thrown = err as Error; }
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
  const violations: Violation[] = report.pluginReports.flatMap((p: any) => p.violations ?? []);
  // A failed synth must be explained by the report, never swallowed.
  if (thrown && violations.length === 0) throw thrown;
  return { violations, stack };
}

const describeViolations = (vs: Violation[]) => vs.map((v) => `${v.ruleName} @ ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`);

describe('cdk-nag AwsSolutions + Serverless', () => {
  test.each<[string, (s: Stack) => OrderProcessingPlatformProps]>([
    ['defaults with an alert e-mail', () => ({ alertEmail: 'ops@example.com' })],
    ['defaults without an e-mail', () => ({})],
    ['PutMetricData publisher', () => ({ metricsPublisher: MetricsPublisher.PUT_METRIC_DATA })],
    ['order events off', () => ({ orderEventsEnabled: false })],
    ['order events on a bus passed in', (stack) => ({ eventBus: new EventBus(stack, 'OwnBus') })],
    ['with a JWT authorizer', () => ({
      authorizer: new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['orders'] }),
    })],
    ['with an IAM authorizer', () => ({ authorizer: new HttpIamAuthorizer() })],
    ['without the read API', () => ({ readApiEnabled: false })],
  ])('%s: no unacknowledged findings', (_name, props) => {
    expect(describeViolations(nag(props).violations)).toEqual([]);
  });

  test('the packs do run: an unacknowledged finding is reported', () => {
    // A control: an unencrypted queue beside the construct must be reported, or the checks above prove nothing.
    const { violations } = nag(() => ({}), (stack) => {
      new Queue(stack, 'UnencryptedQueue', { encryption: QueueEncryption.UNENCRYPTED });
    });
    expect(describeViolations(violations).join('\n')).toMatch(/AwsSolutions-SQS4 @ NagStack\/UnencryptedQueue/);
  });

  test('every acknowledgement carries a specific reason', () => {
    const { stack } = nag(() => ({ alertEmail: 'ops@example.com' }));
    const acks = stack.node.findAll().flatMap((c) => c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>)));
    expect(acks.map(([id]) => id).sort()).toEqual([
      'AwsSolutions-APIG4',
      // order-events consumer (its failure queue's key grant)
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      // order handler, read function, order-events consumer (x-ray, dynamodb:ListStreams)
      'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SQS3',
      // read function, order-events consumer
      'Serverless-LambdaDLQ', 'Serverless-LambdaDLQ',
      'Serverless-SNSRedrivePolicy',
      'Serverless-SQSRedrivePolicy', 'Serverless-SQSRedrivePolicy',
    ]);
    for (const [, reason] of acks) {
      expect(reason.length).toBeGreaterThan(60);
    }
  });
});
