# A PROD platform with the production options (custom domain, AWS Backup with a disaster-recovery copy, isolated VPC)
# from the published wheel: the same stack id, construct ids and props as examples/typescript/production-app.ts and
# the Java ProductionApp, so test/bindings/bindings.test.ts can require identical templates. It reads nothing: the
# output directory (CDK_OUTDIR) and the feature flags (CDK_CONTEXT_JSON) arrive the way the CDK CLI passes them.
from aws_cdk import App, Stack
from aws_cdk.aws_ec2 import SubnetConfiguration, SubnetType, Vpc
from aws_cdk.aws_route53 import HostedZone
from cdk_order_processing_platform import (
    BackupOptions,
    BackupPlanPreset,
    CustomDomainOptions,
    DeploymentEnvironment,
    OrderProcessingPlatform,
)

app = App(analytics_reporting=False)
stack = Stack(app, "OrderProcessingProductionReady")
vpc = Vpc(
    stack,
    "Vpc",
    max_azs=2,
    nat_gateways=0,
    subnet_configuration=[
        SubnetConfiguration(name="app", subnet_type=SubnetType.PRIVATE_ISOLATED, cidr_mask=24)
    ],
)
zone = HostedZone.from_hosted_zone_attributes(
    stack,
    "Zone",
    hosted_zone_id="Z0123456789ABCDEFGHIJ",
    zone_name="example.com",
)
OrderProcessingPlatform(
    stack,
    "Orders",
    environment=DeploymentEnvironment.PROD,
    alert_email="ops@example.com",
    custom_domain=CustomDomainOptions(domain_name="orders.example.com", hosted_zone=zone),
    disable_execute_api_endpoint=True,
    backup=BackupOptions(
        plan=BackupPlanPreset.DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION,
        copy_to_vault_arn="arn:aws:backup:eu-central-1:444455556666:backup-vault:orders-dr",
    ),
    vpc=vpc,
)
app.synth()
