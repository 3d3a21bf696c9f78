/**
 * cdk-nag v3 on the real synthesized construct. AwsSolutions and Serverless: zero unacknowledged findings in every
 * variant, and every acknowledgement carries a reason. NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1: on a PROD platform in a
 * VPC with backups, zero unacknowledged findings (acknowledged, with their reasons: IAMNoInlinePolicy on the three
 * function roles (all three packs), and the read function's and the order-events consumer's deliberate lack of a dead-letter queue and of
 * reserved concurrency); without a VPC they report LambdaInsideVPC on the three functions, which only the vpc prop answers.
 *
 * Findings on the test's own VPC (flow logs, default security group) are the VPC owner's, not the platform's, and
 * are filtered out by path: only constructs under the platform (`NagStack/Orders/`) count.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks, ServerlessChecks } from 'cdk-nag';
import { BackupPlanPreset, DeploymentEnvironment, MetricsPublisher, OrderProcessingPlatform, OrderProcessingPlatformProps } from '../../src';
import { mayAcknowledge, SCOPED_ACKNOWLEDGEMENTS_SINCE, scopesAcknowledgements } from '../../src/internal/nag-acknowledgements';
import { CDK_NAG_EXCEPTIONS } from '../compliance/exceptions';
import { PLATFORM_PATH, STACK, TEMPLATES, TemplateName, validate } from '../compliance/templates';
import { certificate, DR_VAULT_ARN, fullProdProps, isolatedVpc } from '../support/production-fixtures';

interface Violation { ruleName: string; violatingConstructs: { constructPath: string }[] }

type Packs = 'AwsSolutions+Serverless' | 'NIST+HIPAA+PCI';

function nag(props: (stack: Stack) => OrderProcessingPlatformProps, extra?: (stack: Stack) => void, packs: Packs = 'AwsSolutions+Serverless'):
{ violations: Violation[]; stack: Stack } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-'));
  const app = new App({ analyticsReporting: false, outdir });
  Validations.of(app).addPlugins(...(packs === 'NIST+HIPAA+PCI'
    ? [new NIST80053R5Checks(app), new HIPAASecurityChecks(app), new PCIDSS321Checks(app)]
    : [new AwsSolutionsChecks(app), new ServerlessChecks(app)]));
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
/** Only the platform's own resources: the test VPC's findings belong to whoever owns the VPC. */
const platformOnly = (vs: Violation[]) => vs
  .map((v) => ({ ...v, violatingConstructs: v.violatingConstructs.filter((c) => c.constructPath.startsWith('NagStack/Orders/')) }))
  .filter((v) => v.violatingConstructs.length > 0);
/** The platform's acknowledgements (aws-cdk-lib acknowledges a cfn-lint warning on a stack that reads its AZs). */
const acknowledgedIds = (stack: Stack) => stack.node.findAll().filter((c) => c.node.path.startsWith('NagStack/Orders')).flatMap((c) => c.node.metadata
  .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
  .flatMap((m) => Object.entries(m.data as Record<string, string>)));

/** The NIST 800-53 R5, HIPAA Security and PCI DSS 3.2.1 acknowledgements, sorted: each rule once per pack. */
const NIST_HIPAA_ACKS = [
  ...['HIPAA.Security', 'NIST.800.53.R5'].flatMap((pack) => [
    // The four function roles' inline policies; the read, status-change and consumer functions' missing DLQ and
    // reserved concurrency.
    `${pack}-IAMNoInlinePolicy`, `${pack}-IAMNoInlinePolicy`, `${pack}-IAMNoInlinePolicy`, `${pack}-IAMNoInlinePolicy`,
    `${pack}-LambdaConcurrency`, `${pack}-LambdaConcurrency`, `${pack}-LambdaConcurrency`,
    `${pack}-LambdaDLQ`, `${pack}-LambdaDLQ`, `${pack}-LambdaDLQ`,
  ]),
  // PCI DSS 3.2.1 checks neither a function's DLQ nor its concurrency: only the four inline policies.
  'PCI.DSS.321-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy',
];

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
    ['without the lifecycle', () => ({ orderLifecycleEnabled: false })],
    ['PROD defaults (backups on)', () => ({ environment: DeploymentEnvironment.PROD })],
    ['PROD with custom domain, backups with a DR copy, isolated VPC, PutMetricData', fullProdProps],
    ['STAGING, certificate only, 7-year plan', (s) => ({
      environment: DeploymentEnvironment.STAGING,
      customDomain: { domainName: 'orders.example.com', certificate: certificate(s) },
      backup: { plan: BackupPlanPreset.DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION, copyToVaultArn: DR_VAULT_ARN },
    })],
    ['DEV in a VPC without endpoints', (s) => ({ vpc: isolatedVpc(s), createVpcEndpoints: false })],
  ])('%s: no unacknowledged findings', (_name, props) => {
    expect(describeViolations(platformOnly(nag(props).violations))).toEqual([]);
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
      // order handler, read function, status-change function, order-events consumer (x-ray, dynamodb:ListStreams)
      'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SQS3',
      ...NIST_HIPAA_ACKS,
      // read function, status-change function, order-events consumer
      'Serverless-LambdaDLQ', 'Serverless-LambdaDLQ', 'Serverless-LambdaDLQ',
      'Serverless-SNSRedrivePolicy',
      'Serverless-SQSRedrivePolicy', 'Serverless-SQSRedrivePolicy',
    ]);
    for (const [, reason] of acks) {
      expect(reason.length).toBeGreaterThan(60);
    }
  });

  test('with backups (and a DR copy), the backup role and alert rules carry theirs', () => {
    const { stack } = nag(fullProdProps);
    const acks = acknowledgedIds(stack);
    expect(acks.map(([id]) => id).sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]', 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SQS3',
      ...NIST_HIPAA_ACKS,
      'Serverless-EventBusDLQ', 'Serverless-EventBusDLQ', 'Serverless-LambdaDLQ', 'Serverless-LambdaDLQ', 'Serverless-LambdaDLQ',
      'Serverless-SNSRedrivePolicy', 'Serverless-SQSRedrivePolicy', 'Serverless-SQSRedrivePolicy',
    ]);
    for (const [, reason] of acks) expect(reason.length).toBeGreaterThan(60);
  });
});

describe('cdk-nag NIST 800-53 R5 + HIPAA Security + PCI DSS 3.2.1', () => {
  test('PROD in a VPC with backups: no unacknowledged finding on the platform', () => {
    const { violations, stack } = nag(fullProdProps, undefined, 'NIST+HIPAA+PCI');
    expect(describeViolations(platformOnly(violations))).toEqual([]);
    // The control: the packs ran, and reported the test VPC (not the platform's) for its missing flow logs.
    expect(describeViolations(violations).join('\n')).toMatch(/NIST.800.53.R5-VPCFlowLogsEnabled @ NagStack\/Vpc/);
    // What is acknowledged for these packs, on which resource, with its reason.
    const acks = stack.node.findAll().flatMap((c) => c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .filter(([id]) => /^(NIST|HIPAA|PCI)/.test(id))
      .map(([id, reason]) => ({ on: c.node.path, id: id.replace(/^(NIST\.800\.53\.R5|HIPAA\.Security|PCI\.DSS\.321)-/, ''), reason })));
    expect(acks.map(({ on, id }) => `${id} @ ${on}`).sort()).toEqual([
      'IAMNoInlinePolicy @ NagStack/Orders/HandlerRole/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/HandlerRole/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/HandlerRole/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/OrderEvents/Role/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/OrderEvents/Role/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/OrderEvents/Role/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/OrderLifecycle/Role/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/OrderLifecycle/Role/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/OrderLifecycle/Role/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/ReadApi/Role/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/ReadApi/Role/DefaultPolicy',
      'IAMNoInlinePolicy @ NagStack/Orders/ReadApi/Role/DefaultPolicy',
      'LambdaConcurrency @ NagStack/Orders/OrderEvents/Consumer',
      'LambdaConcurrency @ NagStack/Orders/OrderEvents/Consumer',
      'LambdaConcurrency @ NagStack/Orders/OrderLifecycle/Function',
      'LambdaConcurrency @ NagStack/Orders/OrderLifecycle/Function',
      'LambdaConcurrency @ NagStack/Orders/ReadApi/Function',
      'LambdaConcurrency @ NagStack/Orders/ReadApi/Function',
      'LambdaDLQ @ NagStack/Orders/OrderEvents/Consumer',
      'LambdaDLQ @ NagStack/Orders/OrderEvents/Consumer',
      'LambdaDLQ @ NagStack/Orders/OrderLifecycle/Function',
      'LambdaDLQ @ NagStack/Orders/OrderLifecycle/Function',
      'LambdaDLQ @ NagStack/Orders/ReadApi/Function',
      'LambdaDLQ @ NagStack/Orders/ReadApi/Function',
    ]);
    const reasons: Record<string, RegExp> = {
      'IAMNoInlinePolicy @ NagStack/Orders/HandlerRole/DefaultPolicy': /only this platform's table, key, queue and log group/,
      'IAMNoInlinePolicy @ NagStack/Orders/ReadApi/Role/DefaultPolicy': /only this platform's table, its CustomerOrderIndex, the key and the read log group/,
      'LambdaConcurrency @ NagStack/Orders/ReadApi/Function': /order handler's reservation already keeps a burst of reads/,
      'LambdaDLQ @ NagStack/Orders/ReadApi/Function': /invoked only synchronously/,
      'IAMNoInlinePolicy @ NagStack/Orders/OrderEvents/Role/DefaultPolicy': /only this platform's table stream, bus, failure queue, key and order-events log group/,
      'LambdaConcurrency @ NagStack/Orders/OrderEvents/Consumer': /at most one invocation per shard/,
      'LambdaDLQ @ NagStack/Orders/OrderEvents/Consumer': /on-failure destination \(the order-events failure queue\)/,
      'IAMNoInlinePolicy @ NagStack/Orders/OrderLifecycle/Role/DefaultPolicy': /only this platform's table \(UpdateItem\), the key and its log group/,
      'LambdaConcurrency @ NagStack/Orders/OrderLifecycle/Function': /a repeated change is a no-op/,
      'LambdaDLQ @ NagStack/Orders/OrderLifecycle/Function': /invoked only synchronously/,
    };
    for (const { on, id, reason } of acks) expect(reason).toMatch(reasons[`${id} @ ${on}`]);
  });

  test('PROD without a VPC: only LambdaInsideVPC remains, on the four functions, which the vpc prop answers', () => {
    const { violations } = nag(() => ({ environment: DeploymentEnvironment.PROD, alertEmail: 'ops@example.com' }), undefined, 'NIST+HIPAA+PCI');
    const functions = 'NagStack/Orders/Handler/Resource, NagStack/Orders/ReadApi/Function/Resource, ' +
      'NagStack/Orders/OrderLifecycle/Function/Resource, NagStack/Orders/OrderEvents/Consumer/Resource';
    expect(describeViolations(violations).sort()).toEqual([
      `HIPAA.Security-LambdaInsideVPC @ ${functions}`,
      `NIST.800.53.R5-LambdaInsideVPC @ ${functions}`,
      `PCI.DSS.321-LambdaInsideVPC @ ${functions}`,
    ]);
  });

  test('PROD in a VPC without the read API, the lifecycle or order events: the handler\'s inline policy is the only acknowledgement', () => {
    const { violations, stack } = nag((s) => ({ ...fullProdProps(s), readApiEnabled: false, orderLifecycleEnabled: false, orderEventsEnabled: false }), undefined, 'NIST+HIPAA+PCI');
    expect(describeViolations(platformOnly(violations))).toEqual([]);
    expect(acknowledgedIds(stack).map(([id]) => id).filter((id) => /^(NIST|HIPAA|PCI)/.test(id)).sort())
      .toEqual(['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy']);
  });

  test('PROD in a VPC with order events on a bus passed in: no unacknowledged finding on the platform', () => {
    const { violations } = nag((s) => ({ ...fullProdProps(s), eventBus: new EventBus(s, 'OwnBus') }), undefined, 'NIST+HIPAA+PCI');
    expect(describeViolations(platformOnly(violations))).toEqual([]);
  });
});

/** The aws-cdk-lib the tests run with. */
const tested = () => JSON.parse(fs.readFileSync(require.resolve('aws-cdk-lib/package.json'), 'utf8')).version as string;

describe('the user\'s findings stay the user\'s', () => {
  /**
   * The user's own resources beside the platform, breaking the rules the platform acknowledges on its resources: a
   * role with a wildcard resource, a queue without a dead-letter queue, a function outside a VPC (no DLQ, no reserved
   * concurrency). On aws-cdk-lib before 2.271.0 the platform's acknowledgement of a rule id hid that rule on these too.
   */
  function userResources(stack: Stack): void {
    const role = new Role(stack, 'UserRole', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    role.addToPolicy(new PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    new Queue(stack, 'UserQueue', { encryption: QueueEncryption.KMS_MANAGED, enforceSSL: true });
    new LambdaFunction(stack, 'UserFunction', {
      runtime: Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: Code.fromInline('exports.handler = async () => ({});'),
      role,
    });
  }
  const userFindings = (vs: Violation[]) => vs.flatMap((v) => v.violatingConstructs
    .filter((c) => /^NagStack\/User/.test(c.constructPath))
    .map((c) => `${v.ruleName} @ ${c.constructPath.replace(/^NagStack\//, '')}`));

  test.each<[string, (app: App) => IPolicyValidationPlugin, string[]]>([
    ['AwsSolutions', (app) => new AwsSolutionsChecks(app), [
      'AwsSolutions-IAM5[Resource::*] @ UserRole/DefaultPolicy/Resource', 'AwsSolutions-SQS3 @ UserQueue/Resource',
    ]],
    ['Serverless', (app) => new ServerlessChecks(app), [
      'Serverless-LambdaDLQ @ UserFunction/Resource', 'Serverless-SQSRedrivePolicy @ UserQueue/Resource',
    ]],
    ...['NIST.800.53.R5', 'HIPAA.Security'].map((pack): [string, (app: App) => IPolicyValidationPlugin, string[]] => [
      pack, (app) => (pack === 'HIPAA.Security' ? new HIPAASecurityChecks(app) : new NIST80053R5Checks(app)), [
        `${pack}-IAMNoInlinePolicy @ UserRole/DefaultPolicy/Resource`,
        `${pack}-LambdaConcurrency @ UserFunction/Resource`,
        `${pack}-LambdaDLQ @ UserFunction/Resource`,
        `${pack}-LambdaInsideVPC @ UserFunction/Resource`,
      ],
    ]),
    ['PCI.DSS.321', (app) => new PCIDSS321Checks(app), [
      'PCI.DSS.321-IAMNoInlinePolicy @ UserRole/DefaultPolicy/Resource', 'PCI.DSS.321-LambdaInsideVPC @ UserFunction/Resource',
    ]],
  ])('%s: every finding on the user\'s role, queue and function is reported beside a PROD platform', (pack, plugin, wanted) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-user-'));
    const app = new App({ analyticsReporting: false, outdir });
    Validations.of(app).addPlugins(plugin(app));
    const stack = new Stack(app, 'NagStack');
    new OrderProcessingPlatform(stack, 'Orders', fullProdProps(stack));
    userResources(stack);
    expect(() => app.synth()).toThrow();
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
    const violations: Violation[] = report.pluginReports.flatMap((p: any) => p.violations ?? []);
    // Each of these rules is acknowledged on a platform resource in this very app; the user's finding still shows.
    const acked = acknowledgedIds(stack).map(([id]) => id);
    for (const finding of wanted) {
      const rule = finding.split(' @ ')[0];
      if (rule !== `${pack}-LambdaInsideVPC`) expect(acked).toContain(rule);
    }
    expect(userFindings(violations)).toEqual(expect.arrayContaining(wanted));
    // And the platform's own acknowledged findings stay acknowledged (the test would prove nothing otherwise).
    expect(describeViolations(platformOnly(violations))).toEqual([]);
  });

  test('acknowledgements are recorded only on an aws-cdk-lib that scopes them to their construct', () => {
    expect(scopesAcknowledgements(tested())).toBe(true);
    expect(SCOPED_ACKNOWLEDGEMENTS_SINCE).toBe('2.271.0');
    expect(['2.263.0', '2.270.0', '2.270.99', '1.300.0', 'garbage', undefined].map(scopesAcknowledgements)).toEqual([false, false, false, false, false, false]);
    expect(['2.271.0', '2.271.1', '2.300.0', '3.0.0', '2.276.0-rc.1'].map(scopesAcknowledgements)).toEqual([true, true, true, true, true]);
  });

  test('on an older aws-cdk-lib the platform acknowledges nothing and warns on the stack', () => {
    const stack = new Stack(new App({ analyticsReporting: false }), 'OldCdk');
    const queue = new Queue(stack, 'Q');
    expect(mayAcknowledge(queue, '2.270.0')).toBe(false);
    expect(mayAcknowledge(queue, tested())).toBe(true);
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('acknowledgementsNotScoped'));
    expect(warnings.map((w) => w.entry.data)).toEqual([expect.stringMatching(/^aws-cdk-lib 2\.270\.0 applies a Validations acknowledgement to every construct.*2\.271\.0 or newer/)]);
  });
});

describe('all five packs on the compliance templates', () => {
  const fivePacks = (app: App) => [new AwsSolutionsChecks(app), new ServerlessChecks(app), new NIST80053R5Checks(app),
    new HIPAASecurityChecks(app), new PCIDSS321Checks(app)];
  test.each(Object.keys(TEMPLATES) as TemplateName[])('%s: the unacknowledged findings on the platform are exactly the listed ones', (name) => {
    const { findings } = validate(name, fivePacks);
    const expected = CDK_NAG_EXCEPTIONS.filter((e) => e.templates.includes(name)).flatMap((e) => e.logicalIds.map((id) => `${e.rule} ${id}`));
    expect(findings.filter((f) => f.path.startsWith(PLATFORM_PATH)).map((f) => `${f.rule} ${f.logicalId}`).sort()).toEqual(expected.sort());
    // Anything else is the test VPC's (flow logs, default security group), which belongs to the VPC's owner.
    expect(findings.filter((f) => !f.path.startsWith(PLATFORM_PATH)).every((f) => f.path.startsWith(`${STACK}/Vpc/`))).toBe(true);
  });
});
