import { IBackupVault } from 'aws-cdk-lib/aws-backup';
import { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { IHostedZone } from 'aws-cdk-lib/aws-route53';

/** A custom domain for the HTTP API (a regional API Gateway domain name mapped to the `$default` stage). */
export interface CustomDomainOptions {
  /**
   * The fully qualified domain name clients call, for example `orders.example.com`. With `hostedZone` it must be
   * the zone's name or a name inside it.
   */
  readonly domainName: string;

  /**
   * An ACM certificate for `domainName`, in the stack's Region (a regional endpoint cannot use a us-east-1
   * certificate from another Region).
   *
   * @default - a DNS-validated certificate is created in `hostedZone`; one of the two must be given
   */
  readonly certificate?: ICertificate;

  /**
   * The Route 53 public hosted zone of `domainName`. With it, `A` and `AAAA` alias records point the name at the
   * API's regional domain, and a missing `certificate` is created and validated through this zone.
   *
   * @default - no DNS records: point `domainName` at the `APIGatewayRegionalDomainName` output yourself
   */
  readonly hostedZone?: IHostedZone;
}

/** The backup plans AWS Backup offers as presets in `aws-backup` (schedules in UTC, retention as named). */
export enum BackupPlanPreset {
  /** A daily backup kept 35 days: the window PITR already covers, as a separate copy outside the table. */
  DAILY_35_DAY_RETENTION = 'DAILY_35_DAY_RETENTION',
  /** A daily backup kept 35 days and a monthly backup kept 1 year (cold storage after 1 month where supported). */
  DAILY_MONTHLY_1_YEAR_RETENTION = 'DAILY_MONTHLY_1_YEAR_RETENTION',
  /** Daily kept 35 days, weekly kept 3 months, monthly kept 5 years (cold storage after 3 months where supported). */
  DAILY_WEEKLY_MONTHLY_5_YEAR_RETENTION = 'DAILY_WEEKLY_MONTHLY_5_YEAR_RETENTION',
  /** Daily kept 35 days, weekly kept 3 months, monthly kept 7 years (cold storage after 3 months where supported). */
  DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION = 'DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION',
}

/** AWS Backup of the orders table, on top of its point-in-time recovery. */
export interface BackupOptions {
  /**
   * Whether the table is in an AWS Backup plan.
   *
   * @default - true in STAGING and PROD, false in DEV
   */
  readonly enabled?: boolean;

  /**
   * The backup plan. The default keeps a monthly backup for a year: PITR already restores any second of the last
   * 35 days, so what a plan adds is history beyond that window and a copy that deleting the table does not take.
   *
   * @default BackupPlanPreset.DAILY_MONTHLY_1_YEAR_RETENTION
   */
  readonly plan?: BackupPlanPreset;

  /**
   * The vault the plan writes to.
   *
   * @default - a vault encrypted with the platform key, retained when the stack is deleted, with deletion of
   * recovery points denied by its access policy in PROD
   */
  readonly vault?: IBackupVault;

  /**
   * ARN of a backup vault in another Region or account. Every rule of the plan then copies its recovery point
   * there, with the same retention: the disaster-recovery copy. A vault in another account must allow
   * `backup:CopyIntoBackupVault` from this account in its access policy.
   *
   * @default - no copies
   */
  readonly copyToVaultArn?: string;
}
