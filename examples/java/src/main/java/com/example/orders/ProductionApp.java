// A PROD platform with the production options (custom domain, AWS Backup with a disaster-recovery copy, isolated VPC)
// from the jar: the same stack id, construct ids and props as examples/typescript/production-app.ts and
// examples/python/production_app.py, so test/bindings/bindings.test.ts can require identical templates. It reads
// nothing: the output directory (CDK_OUTDIR) and the feature flags (CDK_CONTEXT_JSON) arrive the way the CDK CLI
// passes them.
package com.example.orders;

import io.github.orderprocessing.cdk.BackupOptions;
import io.github.orderprocessing.cdk.BackupPlanPreset;
import io.github.orderprocessing.cdk.CustomDomainOptions;
import io.github.orderprocessing.cdk.DeploymentEnvironment;
import io.github.orderprocessing.cdk.OrderProcessingPlatform;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;

public final class ProductionApp {
    public static void main(final String[] args) {
        App app = new App(AppProps.builder().analyticsReporting(false).build());
        Stack stack = new Stack(app, "OrderProcessingProductionReady");
        Vpc vpc = Vpc.Builder.create(stack, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("app").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .build();
        IHostedZone zone = HostedZone.fromHostedZoneAttributes(stack, "Zone", HostedZoneAttributes.builder()
                .hostedZoneId("Z0123456789ABCDEFGHIJ")
                .zoneName("example.com")
                .build());
        OrderProcessingPlatform.Builder.create(stack, "Orders")
                .environment(DeploymentEnvironment.PROD)
                .alertEmail("ops@example.com")
                .customDomain(CustomDomainOptions.builder().domainName("orders.example.com").hostedZone(zone).build())
                .disableExecuteApiEndpoint(true)
                .backup(BackupOptions.builder()
                        .plan(BackupPlanPreset.DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION)
                        .copyToVaultArn("arn:aws:backup:eu-central-1:444455556666:backup-vault:orders-dr")
                        .build())
                .vpc(vpc)
                .build();
        app.synth();
    }
}
