import { Stack } from 'aws-cdk-lib';
import { Certificate, ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import { IVpc, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { HostedZone, IHostedZone } from 'aws-cdk-lib/aws-route53';
import { DeploymentEnvironment, MetricsPublisher, OrderProcessingPlatformProps } from '../../src';

/** A disaster-recovery vault in another Region and account. */
export const DR_VAULT_ARN = 'arn:aws:backup:eu-central-1:444455556666:backup-vault:orders-dr';
export const CERTIFICATE_ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555';

/** A VPC with isolated subnets only: no NAT, no internet gateway. Everything must go through endpoints. */
export function isolatedVpc(stack: Stack, id = 'Vpc'): IVpc {
  return new Vpc(stack, id, {
    natGateways: 0,
    maxAzs: 2,
    subnetConfiguration: [{ name: 'app', subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
  });
}

export function hostedZone(stack: Stack): IHostedZone {
  return HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
}

export function certificate(stack: Stack): ICertificate {
  return Certificate.fromCertificateArn(stack, 'Certificate', CERTIFICATE_ARN);
}

/** A PROD platform with all three production options: custom domain, backups with a DR copy, an isolated VPC. */
export function fullProdProps(stack: Stack): OrderProcessingPlatformProps {
  return {
    environment: DeploymentEnvironment.PROD,
    alertEmail: 'ops@example.com',
    metricsPublisher: MetricsPublisher.PUT_METRIC_DATA,
    customDomain: { domainName: 'orders.example.com', hostedZone: hostedZone(stack) },
    disableExecuteApiEndpoint: true,
    backup: { copyToVaultArn: DR_VAULT_ARN },
    vpc: isolatedVpc(stack),
  };
}
