import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import {
  BackupPlan,
  BackupPlanRule,
  BackupResource,
  BackupSelection,
  BackupVault,
  IBackupVault,
} from 'aws-cdk-lib/aws-backup';
import { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventField, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SnsTopic } from 'aws-cdk-lib/aws-events-targets';
import { IRole, ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { BackupPlanPreset } from '../production-props';

/** The resolved backup settings (see resolve-production-props.ts). */
export interface ResolvedBackup {
  readonly plan: BackupPlanPreset;
  readonly vault?: IBackupVault;
  readonly copyToVaultArn?: string;
  /** Deny deletion of recovery points in the created vault (PROD). */
  readonly blockRecoveryPointDeletion: boolean;
}

/**
 * The rules of each preset, in the order `BackupPlan.<preset>()` adds them. The presets themselves cannot take
 * copy actions, so the plan is built from the same rule factories (test/construct/backup.test.ts proves the rules
 * equal the presets').
 */
export const PRESET_RULES: Record<BackupPlanPreset, (() => BackupPlanRule)[]> = {
  [BackupPlanPreset.DAILY_35_DAY_RETENTION]: [() => BackupPlanRule.daily()],
  [BackupPlanPreset.DAILY_MONTHLY_1_YEAR_RETENTION]: [() => BackupPlanRule.daily(), () => BackupPlanRule.monthly1Year()],
  [BackupPlanPreset.DAILY_WEEKLY_MONTHLY_5_YEAR_RETENTION]: [
    () => BackupPlanRule.daily(), () => BackupPlanRule.weekly(), () => BackupPlanRule.monthly5Year(),
  ],
  [BackupPlanPreset.DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION]: [
    () => BackupPlanRule.daily(), () => BackupPlanRule.weekly(), () => BackupPlanRule.monthly7Year(),
  ],
};

/** The AWS-managed policies of the backup role. */
export const BACKUP_MANAGED_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
];

/** Backup job states that mean no recovery point was made (AWS Backup's "Backup Job State Change" event). */
export const FAILED_BACKUP_JOB_STATES = ['FAILED', 'EXPIRED', 'ABORTED'];
/** Copy job states that mean the disaster-recovery copy is missing. */
export const FAILED_COPY_JOB_STATES = ['FAILED'];

/** Names of the EventBridge rules; fixed strings so the key policy can name them without a key -> rule cycle. */
export function backupAlertRuleNames(namePrefix: string): { backupJob: string; copyJob: string } {
  return { backupJob: `${namePrefix}-backup-failed`, copyJob: `${namePrefix}-copy-failed` };
}
/**
 * The longest `<projectName>-<environmentSuffix>` backups allow: it is the plan name (AWS Backup: 50 characters) and
 * starts the rule names (EventBridge: 64, so 64 - '-backup-failed' = 50 as well).
 */
export const BACKUP_NAME_PREFIX_MAX = Math.min(50, 64 - '-backup-failed'.length);

export function backupAlertRuleArns(namePrefix: string): string[] {
  const names = backupAlertRuleNames(namePrefix);
  return [names.backupJob, names.copyJob].map((name) =>
    `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${name}`);
}

export interface PlatformBackupProps {
  readonly config: ResolvedBackup;
  readonly namePrefix: string;
  readonly table: ITableV2;
  readonly encryptionKey: IKey;
  readonly alertTopic: ITopic;
}

/**
 * An AWS Backup plan for the orders table: a vault (created, or the one passed in), the preset's rules with a copy
 * action each when a disaster-recovery vault is given, a selection naming the table by ARN, and EventBridge rules
 * that send failed backup and copy jobs to the alert topic.
 */
export class PlatformBackup extends Construct {
  public readonly vault: IBackupVault;
  public readonly plan: BackupPlan;
  public readonly selection: BackupSelection;
  /** The role AWS Backup assumes for the table: AWS's managed backup and restore policies, nothing inline. */
  public readonly role: IRole;
  public readonly backupJobFailedRule: Rule;
  public readonly copyJobFailedRule?: Rule;

  constructor(scope: Construct, id: string, props: PlatformBackupProps) {
    super(scope, id);
    const { config } = props;
    this.vault = config.vault ?? new BackupVault(this, 'Vault', {
      encryptionKey: props.encryptionKey,
      // Recovery points outlive the stack: deleting the platform must not delete its backups.
      removalPolicy: RemovalPolicy.RETAIN,
      blockRecoveryPointDeletion: config.blockRecoveryPointDeletion,
    });
    const copyTarget = config.copyToVaultArn
      ? BackupVault.fromBackupVaultArn(this, 'CopyTargetVault', config.copyToVaultArn)
      : undefined;
    const rules = PRESET_RULES[config.plan].map((factory) => {
      const rule = factory();
      return new BackupPlanRule({
        ...rule.props,
        copyActions: copyTarget ? [{
          destinationBackupVault: copyTarget,
          deleteAfter: rule.props.deleteAfter,
          moveToColdStorageAfter: rule.props.moveToColdStorageAfter,
        }] : undefined,
      });
    });
    this.plan = new BackupPlan(this, 'Plan', {
      // Plan names allow 50 characters, which the resolved props guarantee for the prefix when backups are on.
      backupPlanName: props.namePrefix,
      backupVault: this.vault,
      backupPlanRules: rules,
    });
    // By ARN: cdk-nag's DynamoDBInBackupPlan (and a reader of the template) find the table itself in the selection,
    // where a tag condition would only match at run time.
    // The two policies AWS documents for a role AWS Backup assumes; attached, not copied inline, so that they follow
    // the services AWS Backup adds and IAM reports them as AWS-managed.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('backup.amazonaws.com'),
      description: `AWS Backup role for the ${props.namePrefix} orders table`,
      managedPolicies: BACKUP_MANAGED_POLICIES.map((name) => ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    this.selection = this.plan.addSelection('OrdersTable', {
      resources: [BackupResource.fromArn(props.table.tableArn)],
      role: this.role,
      disableDefaultBackupPolicy: true, // already attached above
    });

    // AWS Backup reports job state changes to EventBridge; this is the documented way to be told about a failed job:
    // https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html
    const names = backupAlertRuleNames(props.namePrefix);
    this.backupJobFailedRule = new Rule(this, 'BackupJobFailed', {
      ruleName: names.backupJob,
      description: `A backup job of the ${props.namePrefix} orders table failed, expired or was aborted`,
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Job State Change'],
        detail: { state: FAILED_BACKUP_JOB_STATES, resourceArn: [props.table.tableArn] },
      },
      targets: [new SnsTopic(props.alertTopic, {
        message: RuleTargetInput.fromText(`AWS Backup job ${EventField.fromPath('$.detail.backupJobId')} of ` +
          `${EventField.fromPath('$.detail.resourceArn')} ended ${EventField.fromPath('$.detail.state')}: ` +
          `${EventField.fromPath('$.detail.statusMessage')}`),
      })],
    });
    if (copyTarget) {
      this.copyJobFailedRule = new Rule(this, 'CopyJobFailed', {
        ruleName: names.copyJob,
        description: `Copying a backup of the ${props.namePrefix} orders table to the disaster-recovery vault failed`,
        eventPattern: {
          source: ['aws.backup'],
          detailType: ['Copy Job State Change'],
          detail: { state: FAILED_COPY_JOB_STATES, resourceArn: [props.table.tableArn] },
        },
        targets: [new SnsTopic(props.alertTopic, {
          message: RuleTargetInput.fromText(`AWS Backup copy job ${EventField.fromPath('$.detail.copyJobId')} of ` +
            `${EventField.fromPath('$.detail.resourceArn')} to ${config.copyToVaultArn} ` +
            `ended ${EventField.fromPath('$.detail.state')}: ${EventField.fromPath('$.detail.statusMessage')}`),
        })],
      });
    }
  }
}
