/**
 * The platform variants the construct tests assert on, by name. test/support/template-cache.ts synthesizes each one
 * once and shares the template across test files; a test that needs a variant not listed here adds it here.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { BackupVault } from 'aws-cdk-lib/aws-backup';
import { SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { certificate, DR_VAULT_ARN, fullProdProps, hostedZone, isolatedVpc } from './production-fixtures';
import { BackupPlanPreset, DeploymentEnvironment, HandlerLogLevel, MetricsPublisher, OrderProcessingPlatformProps } from '../../src';

/** Props for the platform `Orders` in the stack `TestStack`; a function when a prop needs a construct of the stack. */
export type Variant = (stack: Stack) => OrderProcessingPlatformProps;

const PROD = DeploymentEnvironment.PROD;
export const IMPORTED_KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';
export const SHARED_BUS_ARN = 'arn:aws:events:us-east-1:222222222222:event-bus/shared';
export const jwtAuthorizer = () => new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['orders'] });

export const VARIANTS = {
  'default': () => ({}),
  'alert-email': () => ({ alertEmail: 'ops@example.com' }),
  'prod': () => ({ environment: PROD }),
  'staging': () => ({ environment: DeploymentEnvironment.STAGING }),
  /** Every production option: custom domain, backups with a DR copy, an isolated VPC, PutMetricData. */
  'prod-full': (s) => fullProdProps(s),

  // Alarms
  'alarm-thresholds': () => ({
    reservedConcurrency: 50,
    alarmThresholds: { api5xxErrors: 0, apiP99Latency: Duration.millis(750), concurrencyUtilization: 0.5, lambdaErrors: 1 },
  }),
  'alarm-actions-off': () => ({ alarmActionsEnabled: false }),

  // Backup
  'prod-backup-off': () => ({ environment: PROD, backup: { enabled: false } }),
  'dev-backup-on': () => ({ backup: { enabled: true } }),
  'prod-backup-vault': (s) => ({ environment: PROD, backup: { vault: BackupVault.fromBackupVaultName(s, 'Existing', 'central-vault') } }),
  'prod-backup-dr-copy': () => ({
    environment: PROD,
    backup: { plan: BackupPlanPreset.DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION, copyToVaultArn: DR_VAULT_ARN },
  }),
  'prod-plan-daily-35': () => ({ environment: PROD, backup: { plan: BackupPlanPreset.DAILY_35_DAY_RETENTION } }),
  'prod-plan-daily-monthly-1y': () => ({ environment: PROD, backup: { plan: BackupPlanPreset.DAILY_MONTHLY_1_YEAR_RETENTION } }),
  'prod-plan-5y': () => ({ environment: PROD, backup: { plan: BackupPlanPreset.DAILY_WEEKLY_MONTHLY_5_YEAR_RETENTION } }),
  'prod-plan-7y': () => ({ environment: PROD, backup: { plan: BackupPlanPreset.DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION } }),
  'prod-imported-key': (s) => ({ environment: PROD, encryptionKey: Key.fromKeyArn(s, 'Imported', IMPORTED_KEY_ARN) }),
  'prod-imported-topic': (s) => ({ environment: PROD, alertTopic: Topic.fromTopicArn(s, 'Ops', 'arn:aws:sns:eu-west-1:111122223333:ops') }),

  // Custom domain
  'domain-zone': (s) => ({ customDomain: { domainName: 'orders.example.com', hostedZone: hostedZone(s) } }),
  'domain-certificate': (s) => ({ customDomain: { domainName: 'orders.example.com', certificate: certificate(s) } }),
  'domain-certificate-zone': (s) => ({
    customDomain: { domainName: 'orders.example.com', certificate: certificate(s), hostedZone: hostedZone(s) },
  }),
  'domain-zone-no-execute-api': (s) => ({
    disableExecuteApiEndpoint: true, customDomain: { domainName: 'orders.example.com', hostedZone: hostedZone(s) },
  }),

  // Dashboard
  'dashboard-off': () => ({ dashboardEnabled: false }),

  // Key policy
  'imported-key': (s) => ({ encryptionKey: Key.fromKeyArn(s, 'Imported', IMPORTED_KEY_ARN) }),
  'imported-topic': (s) => ({ alertTopic: Topic.fromTopicArn(s, 'Existing', 'arn:aws:sns:eu-west-1:111122223333:ops-alerts') }),

  // Networking
  'vpc': (s) => ({ vpc: isolatedVpc(s) }),
  'vpc-put-metric-data': (s) => ({ metricsPublisher: MetricsPublisher.PUT_METRIC_DATA, vpc: isolatedVpc(s) }),
  'vpc-no-endpoints': (s) => ({ metricsPublisher: MetricsPublisher.PUT_METRIC_DATA, createVpcEndpoints: false, vpc: isolatedVpc(s) }),
  'vpc-read-api-off': (s) => ({ readApiEnabled: false, vpc: isolatedVpc(s) }),
  'vpc-order-events-off': (s) => ({ orderEventsEnabled: false, vpc: isolatedVpc(s) }),
  /** Two isolated subnet groups; vpcSubnets picks `data`. */
  'vpc-subnets': (s) => ({
    vpc: new Vpc(s, 'Vpc', {
      natGateways: 0,
      maxAzs: 2,
      subnetConfiguration: [
        { name: 'app', subnetType: SubnetType.PRIVATE_ISOLATED },
        { name: 'data', subnetType: SubnetType.PRIVATE_ISOLATED },
      ],
    }),
    vpcSubnets: { subnetGroupName: 'data' },
  }),

  // Order events
  'archive-retention': () => ({ orderEventsArchiveRetention: Duration.days(90) }),
  'order-events-off': () => ({ orderEventsEnabled: false }),
  'shared-bus': (s) => ({ eventBus: EventBus.fromEventBusArn(s, 'Shared', SHARED_BUS_ARN) }),
  'iterator-age-threshold': () => ({ alarmThresholds: { orderEventsIteratorAge: Duration.seconds(30) } }),

  // The platform
  'stream-off': () => ({ tableStreamEnabled: false, orderEventsEnabled: false, contributorInsightsEnabled: false }),
  'handler-settings': () => ({ timeout: Duration.seconds(10), memorySize: 512, logLevel: HandlerLogLevel.DEBUG, reservedConcurrency: 7 }),
  'put-metric-data': () => ({ metricsPublisher: MetricsPublisher.PUT_METRIC_DATA }),
  'cors': () => ({ corsAllowedOrigins: ['https://shop.example.com'] }),
  'throttle': () => ({ throttle: { rateLimit: 800, burstLimit: 1600 } }),
  'export-prefix': () => ({ exportPrefix: 'Shop' }),

  // Read API
  'jwt-authorizer': () => ({ authorizer: jwtAuthorizer() }),
  'read-api-off': () => ({ readApiEnabled: false }),
} satisfies Record<string, Variant>;

export type VariantName = keyof typeof VARIANTS;

/** The PROD variant of each backup plan preset. */
export const PROD_PLAN_VARIANTS: Record<BackupPlanPreset, VariantName> = {
  [BackupPlanPreset.DAILY_35_DAY_RETENTION]: 'prod-plan-daily-35',
  [BackupPlanPreset.DAILY_MONTHLY_1_YEAR_RETENTION]: 'prod-plan-daily-monthly-1y',
  [BackupPlanPreset.DAILY_WEEKLY_MONTHLY_5_YEAR_RETENTION]: 'prod-plan-5y',
  [BackupPlanPreset.DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION]: 'prod-plan-7y',
};
