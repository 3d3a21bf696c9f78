/**
 * AWS Control Tower proactive controls (the cfn-guard rules cdklabs ships in @cdklabs/cdk-validator-cfnguard, with the
 * cfn-guard binary inside that npm package) on the synthesized DEV, PROD and PROD-with-everything templates. Every
 * failure on the platform must be listed, rule by rule and resource by resource, in CONTROL_TOWER_EXCEPTIONS; a listed
 * exception that no longer occurs fails too, so the list cannot go stale.
 */
import * as fs from 'node:fs';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { Validations } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { OrderProcessingPlatform } from '../../src';
import { CONTROL_TOWER_EXCEPTIONS } from '../compliance/exceptions';
import { Finding, TEMPLATES, TemplateName, validate } from '../compliance/templates';

const controlTower = () => [new CfnGuardValidator()];
// Every finding counts, not only those under the platform's path: a finding the report cannot place on a construct
// (a rule that fails the template as a whole) must not slip through. The templates hold nothing but the platform and,
// in PROD_DOMAIN_BACKUP_VPC, the test's VPC, which passes every control.
const describe_ = (fs_: Finding[]) => fs_.map((f) => `${f.rule} ${f.logicalId}`).sort();
const expected = (name: TemplateName) => CONTROL_TOWER_EXCEPTIONS
  .filter((e) => e.templates.includes(name))
  .flatMap((e) => e.logicalIds.map((id) => `${e.rule} ${id}`)).sort();

describe('AWS Control Tower proactive controls', () => {
  test('the controls run: the validator loads the bundled rules and reports a broken resource beside the platform', () => {
    const { findings } = validate('DEV', controlTower, (stack) => {
      new Queue(stack, 'QueueWithoutDlq');
    });
    expect(new CfnGuardValidator().ruleIds?.length).toBeGreaterThan(200);
    expect(findings.map((f) => `${f.rule} ${f.path}`)).toContain('CT.SQS.PR.1 Compliance/QueueWithoutDlq/Resource');
  });

  test.each(Object.keys(TEMPLATES) as TemplateName[])('%s: the failures are exactly the listed exceptions', (name) => {
    const { findings } = validate(name, controlTower);
    expect(describe_(findings)).toEqual(expected(name));
  });

  test('PROD with custom domain, backups and VPC', () => {
    // The template a regulated account deploys fails only the three rules whose reasons are listed.
    const { findings } = validate('PROD_DOMAIN_BACKUP_VPC', controlTower);
    expect([...new Set(describe_(findings).map((f) => f.split(' ')[0]))].sort()).toEqual(['CT.APIGATEWAY.PR.5', 'CT.LAMBDA.PR.2', 'CT.SQS.PR.1']);
  });

  test('with an authorizer, CT.APIGATEWAY.PR.5 passes', () => {
    const { findings } = validate('PROD_DOMAIN_BACKUP_VPC', controlTower, undefined, (stack) => ({
      ...TEMPLATES.PROD_DOMAIN_BACKUP_VPC.props(stack),
      authorizer: new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['orders'] }),
    }));
    expect(describe_(findings).filter((f) => f.startsWith('CT.APIGATEWAY.'))).toEqual([]);
  });

  test('logRetention of a year makes DEV pass CT.CLOUDWATCH.PR.2', () => {
    const { findings } = validate('DEV', controlTower, undefined, () => ({ logRetention: RetentionDays.ONE_YEAR }));
    expect(describe_(findings).filter((f) => f.startsWith('CT.CLOUDWATCH.'))).toEqual([]);
  });

  test('every API invoke permission names apigateway.amazonaws.com and a SourceArn on this API', () => {
    const { templateFile } = validate('PROD_DOMAIN_BACKUP_VPC', controlTower);
    const resources = JSON.parse(fs.readFileSync(templateFile, 'utf8')).Resources;
    const permissions = Object.entries<any>(resources).filter(([, r]) => r.Type === 'AWS::Lambda::Permission');
    expect(permissions.map(([id]) => id).sort()).toEqual(CONTROL_TOWER_EXCEPTIONS.find((e) => e.rule === 'CT.LAMBDA.PR.2')!.logicalIds.slice().sort());
    for (const [, p] of permissions) {
      expect(p.Properties.Principal).toBe('apigateway.amazonaws.com');
      const arn = JSON.stringify(p.Properties.SourceArn);
      expect(arn).toMatch(/"Fn::Join"/);
      expect(arn).toMatch(/execute-api/);
      expect(arn).toMatch(/\{"Ref":"OrdersApi[0-9A-F]{8}"\}/);
    }
  });

  test('the failure queues are the handler\'s dead-letter queue and the stream\'s on-failure destination', () => {
    const { templateFile } = validate('PROD_DOMAIN_BACKUP_VPC', controlTower);
    const resources = JSON.parse(fs.readFileSync(templateFile, 'utf8')).Resources;
    const [handlerQueue, eventsQueue] = CONTROL_TOWER_EXCEPTIONS.find((e) => e.rule === 'CT.SQS.PR.1')!.logicalIds;
    expect(resources.OrdersHandler791FC516.Properties.DeadLetterConfig.TargetArn).toEqual({ 'Fn::GetAtt': [handlerQueue, 'Arn'] });
    const mappings = Object.values<any>(resources).filter((r) => r.Type === 'AWS::Lambda::EventSourceMapping');
    expect(mappings.map((m) => m.Properties.DestinationConfig.OnFailure.Destination)).toEqual([{ 'Fn::GetAtt': [eventsQueue, 'Arn'] }]);
  });

  describe('CT.KMS.PR.3: the key denies kms:CreateGrant unless the grant is for an AWS resource', () => {
    let resources: Record<string, any>;
    beforeAll(() => { resources = JSON.parse(fs.readFileSync(validate('PROD_DOMAIN_BACKUP_VPC', controlTower).templateFile, 'utf8')).Resources; });

    test('the key policy carries the remedy the control names', () => {
      const statements = resources.OrdersKey6C690DD2.Properties.KeyPolicy.Statement;
      expect(statements).toContainEqual({
        Sid: 'DenyGrantsExceptForAwsResources',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      });
    });

    test('no service of the platform needs a grant outside it: the only CreateGrant allowed is for AWS resources', () => {
      // DynamoDB creates its grants for the table (kms:GrantIsForAWSResource is true), AWS Backup's role only for
      // recovery points; CloudWatch Logs and CloudWatch alarms use key policy statements, and the functions use the
      // key for SQS, SNS and DynamoDB through their roles (kms:Decrypt/Encrypt/GenerateDataKey), none by a grant.
      const allows: any[] = [];
      for (const r of Object.values<any>(resources)) {
        const docs = r.Type === 'AWS::KMS::Key' ? [r.Properties.KeyPolicy] : r.Type === 'AWS::IAM::Policy' ? [r.Properties.PolicyDocument] : [];
        for (const s of docs.flatMap((d) => d.Statement)) {
          if (s.Effect === 'Allow' && [s.Action].flat().some((a: string) => a === 'kms:CreateGrant' || a === 'kms:*' || a === 'kms:Create*')) allows.push(s);
        }
      }
      // The account root's kms:* (CDK's default key policy statement) and the backup role's grant for AWS resources.
      expect(allows.map((s) => s.Sid ?? JSON.stringify(s.Principal)).sort()).toEqual([
        'AllowBackupRoleToGrantKeyToAwsServices',
        expect.stringContaining(':root'),
      ].sort());
      expect(allows.find((s) => s.Sid === 'AllowBackupRoleToGrantKeyToAwsServices').Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': 'true' } });
    });
  });

  test('a user may acknowledge a control on one platform resource (aws-cdk-lib >= 2.271.0) and keeps it on their own', () => {
    let platformQueue = '';
    const { findings } = validate('PROD_DOMAIN_BACKUP_VPC', controlTower, (stack) => {
      new Queue(stack, 'QueueWithoutDlq');
      const platform = stack.node.findChild('Orders') as OrderProcessingPlatform;
      platformQueue = platform.failureQueue.node.path;
      Validations.of(platform.failureQueue).acknowledge({
        id: 'cdk-validator-cfnguard::sqs_dlq_check',
        reason: 'The failure queue is the end of the line; its depth is alarmed.',
      });
    });
    const sqs = findings.filter((f) => f.rule === 'CT.SQS.PR.1').map((f) => f.path).sort();
    expect(sqs).toEqual(['Compliance/Orders/OrderEvents/FailureQueue/Resource', 'Compliance/QueueWithoutDlq/Resource']);
    expect(platformQueue).toBe('Compliance/Orders/FailureQueue'); // acknowledged there: the rest of the app still reports
  });

  test('each exception has a reason and names the test that pins it', () => {
    for (const e of CONTROL_TOWER_EXCEPTIONS) {
      expect(e.reason.length).toBeGreaterThan(80);
      const [file, name] = e.pinnedBy.split(': ');
      expect(fs.readFileSync(file, 'utf8')).toContain(name.replace(/'/g, '\\\''));
    }
  });
});
