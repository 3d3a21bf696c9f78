/**
 * AWS Backup of the orders table on the synthesized template: on by default in STAGING and PROD, off in DEV; the
 * preset rules (equal to aws-backup's own presets), copy actions to a disaster-recovery vault, the vault, the
 * selection that names the table, the backup role, failed-job alerts and the key policy statements they need.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { BackupPlan, BackupVault } from 'aws-cdk-lib/aws-backup';
import { BackupPlanPreset } from '../../src';
import { BACKUP_MANAGED_POLICIES, FAILED_BACKUP_JOB_STATES } from '../../src/internal/backup';
import { DR_VAULT_ARN } from '../support/production-fixtures';
import { buildVariant, platformOf, templateOf } from '../support/template-cache';
import { PROD_PLAN_VARIANTS } from '../support/variants';

const only = (t: Template, type: string): any => {
  const found = Object.entries<any>(t.findResources(type));
  expect(found).toHaveLength(1);
  return { id: found[0][0], ...found[0][1] };
};
const rules = (t: Template): any[] => only(t, 'AWS::Backup::BackupPlan').Properties.BackupPlan.BackupPlanRule;
const keyStatements = (t: Template): any[] => only(t, 'AWS::KMS::Key').Properties.KeyPolicy.Statement;
/** A rule without its vault, to compare schedules and lifecycles across plans. */
const shape = (rule: any) => ({ RuleName: rule.RuleName, ScheduleExpression: rule.ScheduleExpression, Lifecycle: rule.Lifecycle });

const prod = platformOf('prod');

describe('defaults per environment', () => {
  test('DEV: no backup resources and no backup alert rule', () => {
    const template = templateOf('default');
    for (const type of ['AWS::Backup::BackupPlan', 'AWS::Backup::BackupVault', 'AWS::Backup::BackupSelection', 'AWS::Events::Rule']) {
      template.resourceCountIs(type, 0);
    }
  });
  test('the plan is named after the platform', () => {
    expect(only(prod.template, 'AWS::Backup::BackupPlan').Properties.BackupPlan.BackupPlanName).toBe('ecommerce-orders-prod');
  });
  test('PROD: a plan with the default preset (daily 35 days + monthly 1 year)', () => {
    expect(rules(prod.template).map(shape)).toEqual(presetRules('dailyMonthly1YearRetention'));
    expect(prod.platform.backupPlan).toBeDefined();
  });
  test('STAGING: on as well, but recovery point deletion is not blocked (PROD only)', () => {
    const template = templateOf('staging');
    template.resourceCountIs('AWS::Backup::BackupPlan', 1);
    expect(only(template, 'AWS::Backup::BackupVault').Properties.AccessPolicy).toBeUndefined();
  });
  test('enabled: false turns it off in PROD; enabled: true turns it on in DEV', () => {
    templateOf('prod-backup-off').resourceCountIs('AWS::Backup::BackupPlan', 0);
    templateOf('dev-backup-on').resourceCountIs('AWS::Backup::BackupPlan', 1);
  });
});

/** The rules aws-backup's own preset factory creates, for comparison. */
function presetRules(factory: 'daily35DayRetention' | 'dailyMonthly1YearRetention' | 'dailyWeeklyMonthly5YearRetention' | 'dailyWeeklyMonthly7YearRetention') {
  const stack = new Stack(new App(), 'Preset');
  BackupPlan[factory](stack, 'Plan', new BackupVault(stack, 'Vault'));
  return rules(Template.fromStack(stack)).map(shape);
}

describe('BackupPlanPreset', () => {
  test.each<[BackupPlanPreset, Parameters<typeof presetRules>[0]]>([
    [BackupPlanPreset.DAILY_35_DAY_RETENTION, 'daily35DayRetention'],
    [BackupPlanPreset.DAILY_MONTHLY_1_YEAR_RETENTION, 'dailyMonthly1YearRetention'],
    [BackupPlanPreset.DAILY_WEEKLY_MONTHLY_5_YEAR_RETENTION, 'dailyWeeklyMonthly5YearRetention'],
    [BackupPlanPreset.DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION, 'dailyWeeklyMonthly7YearRetention'],
  ])('%s has the rules of BackupPlan.%s', (plan, factory) => {
    const template = templateOf(PROD_PLAN_VARIANTS[plan]);
    expect(rules(template).map(shape)).toEqual(presetRules(factory));
  });
});

describe('the created vault', () => {
  const vault = only(prod.template, 'AWS::Backup::BackupVault');
  test('encrypted with the platform key and retained', () => {
    expect(vault.Properties.EncryptionKeyArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OrdersKey/), 'Arn'] });
    expect(vault.DeletionPolicy).toBe('Retain');
    expect(vault.UpdateReplacePolicy).toBe('Retain');
  });
  test('in PROD its access policy denies deleting recovery points to everyone', () => {
    expect(vault.Properties.AccessPolicy.Statement).toEqual([expect.objectContaining({
      Effect: 'Deny', Principal: { AWS: '*' }, Action: expect.arrayContaining(['backup:DeleteRecoveryPoint']),
    })]);
  });
  test('every rule writes to it', () => {
    for (const rule of rules(prod.template)) {
      expect(rule.TargetBackupVault).toEqual({ 'Fn::GetAtt': [vault.id, 'BackupVaultName'] });
    }
  });
});

describe('a vault passed in', () => {
  const template = templateOf('prod-backup-vault'); // backup.vault: BackupVault.fromBackupVaultName(.., 'central-vault')
  test('no vault is created and the rules write to the given one', () => {
    template.resourceCountIs('AWS::Backup::BackupVault', 0);
    for (const rule of rules(template)) expect(rule.TargetBackupVault).toBe('central-vault');
  });
});

describe('copyToVaultArn (disaster recovery)', () => {
  const template = templateOf('prod-backup-dr-copy'); // the 7-year preset, copyToVaultArn: DR_VAULT_ARN
  test('every rule copies to the vault with the rule\'s own lifecycle', () => {
    const all = rules(template);
    expect(all).toHaveLength(3);
    for (const rule of all) {
      expect(rule.CopyActions).toEqual([{ DestinationBackupVaultArn: DR_VAULT_ARN, Lifecycle: rule.Lifecycle }]);
    }
  });
  test('a failed copy job reaches the alert topic too', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'ecommerce-orders-prod-copy-failed',
      EventPattern: { 'source': ['aws.backup'], 'detail-type': ['Copy Job State Change'], 'detail': Match.objectLike({ state: ['FAILED'] }) },
    });
  });
  test('without it: no copy actions and no copy alert', () => {
    expect(rules(prod.template).every((r) => r.CopyActions === undefined)).toBe(true);
    prod.template.resourceCountIs('AWS::Events::Rule', 1);
  });
});

describe('the selection and its role', () => {
  test('the selection names the table itself by its GlobalTable ARN (what DynamoDBInBackupPlan looks for)', () => {
    const selection = only(prod.template, 'AWS::Backup::BackupSelection').Properties.BackupSelection;
    const tableId = only(prod.template, 'AWS::DynamoDB::GlobalTable').id;
    expect(selection.Resources).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }]);
    expect(selection.ListOfTags).toBeUndefined();
  });
  test('the role is assumed by AWS Backup and has only the two AWS-managed backup and restore policies', () => {
    const selection = only(prod.template, 'AWS::Backup::BackupSelection').Properties.BackupSelection;
    const roleId = selection.IamRoleArn['Fn::GetAtt'][0];
    const role = prod.template.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      expect.objectContaining({ Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole' }),
    ]);
    expect(role.Properties.ManagedPolicyArns).toEqual(BACKUP_MANAGED_POLICIES.map((name) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::aws:policy/${name}`]],
    })));
    const inline = Object.values<any>(prod.template.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(roleId));
    expect(inline).toEqual([]);
  });
});

describe('failed backup jobs reach the alert topic', () => {
  const rule = only(prod.template, 'AWS::Events::Rule');
  test('an EventBridge rule on AWS Backup job state changes of this table, failed/expired/aborted', () => {
    expect(rule.Properties.Name).toBe('ecommerce-orders-prod-backup-failed');
    expect(rule.Properties.EventPattern).toEqual({
      'source': ['aws.backup'],
      'detail-type': ['Backup Job State Change'],
      'detail': { state: FAILED_BACKUP_JOB_STATES, resourceArn: [{ 'Fn::GetAtt': [expect.stringMatching(/^OrdersOrdersTable/), 'Arn'] }] },
    });
    expect(FAILED_BACKUP_JOB_STATES).toEqual(['FAILED', 'EXPIRED', 'ABORTED']);
  });
  test('its target is the alert topic, with a readable message', () => {
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({
      Arn: { Ref: expect.stringMatching(/^OrdersAlertTopic/) },
      InputTransformer: expect.objectContaining({ InputTemplate: expect.stringContaining('AWS Backup job <detail-backupJobId>') }),
    })]);
  });
  test('the topic policy lets EventBridge publish', () => {
    prod.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish' })]) },
    });
  });
});

describe('key policy statements', () => {
  const statements = keyStatements(prod.template);
  test('EventBridge may use the key for the encrypted topic, only for the platform\'s two alert rules', () => {
    const events = statements.find((s) => s.Sid === 'AllowEventBridgeRulesToPublishToEncryptedTopic');
    expect(events).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    const arns = JSON.stringify(events.Condition.ArnEquals['aws:SourceArn']);
    expect(arns).toContain(':rule/ecommerce-orders-prod-backup-failed');
    expect(arns).toContain(':rule/ecommerce-orders-prod-copy-failed');
  });
  test('the backup role may use the key, and grant it only to AWS services', () => {
    const roleId = only(prod.template, 'AWS::Backup::BackupSelection').Properties.BackupSelection.IamRoleArn['Fn::GetAtt'][0];
    const use = statements.find((s) => s.Sid === 'AllowBackupRoleToUseKey');
    expect(use.Principal).toEqual({ AWS: { 'Fn::GetAtt': [roleId, 'Arn'] } });
    expect(use.Action).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:GenerateDataKey*', 'kms:DescribeKey']));
    const grant = statements.find((s) => s.Sid === 'AllowBackupRoleToGrantKeyToAwsServices');
    expect(grant).toMatchObject({ Action: 'kms:CreateGrant', Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } });
  });
  test('neither statement without backups', () => {
    const dev = JSON.stringify(keyStatements(templateOf('default')));
    // The order-events bus and archive have events.amazonaws.com statements of their own (test/construct/order-events.test.ts).
    expect(dev).not.toContain('AllowEventBridgeRulesToPublishToEncryptedTopic');
    expect(dev).not.toContain('AllowBackupRole');
  });
  test('with an imported alert topic there is no EventBridge statement on the platform key (the topic\'s key is its owner\'s)', () => {
    const template = templateOf('prod-imported-topic');
    expect(JSON.stringify(keyStatements(template))).not.toContain('AllowEventBridgeRulesToPublishToEncryptedTopic');
    template.resourceCountIs('AWS::Events::Rule', 1);
  });
  test('with an imported key the synth warning lists the backup statements', () => {
    const { stack } = buildVariant('prod-imported-key');
    const text = JSON.stringify(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('encryptionKey is imported')));
    expect(text).toContain('events.amazonaws.com');
    expect(text).toContain('BackupRole');
  });
});
