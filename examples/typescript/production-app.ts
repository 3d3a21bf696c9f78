// A PROD platform with the production options: a custom domain (certificate created and validated in the hosted
// zone, execute-api endpoint disabled), AWS Backup with a 7-year plan and a disaster-recovery copy in another Region
// and account, and the functions in isolated subnets (no NAT: the platform adds the endpoints it needs). The
// TypeScript twin of examples/python/production_app.py and examples/java (ProductionApp.java): same stack id,
// construct ids and props, so test/bindings/bindings.test.ts can require the three templates to be identical. Like
// them it reads nothing (CDK_OUTDIR and CDK_CONTEXT_JSON arrive the way the CDK CLI passes them). Everything from the
// first import down is the production example in docs/production.md (with the package name in place of '../../src').
import { App, Stack } from 'aws-cdk-lib';
import { SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { HostedZone } from 'aws-cdk-lib/aws-route53';
import { BackupPlanPreset, DeploymentEnvironment, OrderProcessingPlatform } from '../../src';

const app = new App({ analyticsReporting: false });
const stack = new Stack(app, 'OrderProcessingProductionReady');
const vpc = new Vpc(stack, 'Vpc', {
  maxAzs: 2,
  natGateways: 0,
  subnetConfiguration: [{ name: 'app', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
});
const zone = HostedZone.fromHostedZoneAttributes(stack, 'Zone', {
  hostedZoneId: 'Z0123456789ABCDEFGHIJ',
  zoneName: 'example.com',
});
new OrderProcessingPlatform(stack, 'Orders', {
  environment: DeploymentEnvironment.PROD,
  alertEmail: 'ops@example.com',
  customDomain: { domainName: 'orders.example.com', hostedZone: zone },
  disableExecuteApiEndpoint: true,
  backup: {
    plan: BackupPlanPreset.DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION,
    copyToVaultArn: 'arn:aws:backup:eu-central-1:444455556666:backup-vault:orders-dr',
  },
  vpc,
});
app.synth();
