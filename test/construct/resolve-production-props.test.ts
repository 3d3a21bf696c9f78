/**
 * Defaults and synth errors of the production props (custom domain, backup, VPC): each error names the prop.
 */
import { Stack } from 'aws-cdk-lib';
import { BackupVault } from 'aws-cdk-lib/aws-backup';
import { BackupPlanPreset, DeploymentEnvironment, OrderProcessingPlatform, OrderProcessingPlatformProps } from '../../src';
import { resolveProps } from '../../src/internal/resolve-props';
import { CERTIFICATE_ARN, certificate, DR_VAULT_ARN, hostedZone, isolatedVpc } from '../support/production-fixtures';

const stack = new Stack();
const zone = hostedZone(stack);
const cert = certificate(stack);
const vpc = isolatedVpc(stack);

describe('defaults', () => {
  const dev = resolveProps({});
  const prod = resolveProps({ environment: DeploymentEnvironment.PROD });
  const staging = resolveProps({ environment: DeploymentEnvironment.STAGING });
  test('customDomain: none; disableExecuteApiEndpoint: false', () => {
    expect(dev.customDomain).toBeUndefined();
    expect(dev.disableExecuteApiEndpoint).toBe(false);
  });
  test('backup: off in DEV, on in STAGING and PROD with DAILY_MONTHLY_1_YEAR_RETENTION', () => {
    expect(dev.backup).toBeUndefined();
    expect(staging.backup?.plan).toBe(BackupPlanPreset.DAILY_MONTHLY_1_YEAR_RETENTION);
    expect(prod.backup?.plan).toBe(BackupPlanPreset.DAILY_MONTHLY_1_YEAR_RETENTION);
  });
  test('backup: a created vault (no vault given), no copy, recovery point deletion blocked only in PROD', () => {
    expect(prod.backup).toMatchObject({ vault: undefined, copyToVaultArn: undefined, blockRecoveryPointDeletion: true });
    expect(staging.backup?.blockRecoveryPointDeletion).toBe(false);
  });
  test('vpc: none; with a vpc, createVpcEndpoints is true and vpcSubnets is CDK\'s default selection', () => {
    expect(dev.networking).toBeUndefined();
    expect(resolveProps({ vpc }).networking).toEqual({ vpc, vpcSubnets: undefined, createVpcEndpoints: true });
  });
  test('valid combinations pass', () => {
    expect(() => resolveProps({ customDomain: { domainName: 'example.com', hostedZone: zone } })).not.toThrow();
    expect(() => resolveProps({ customDomain: { domainName: 'api.orders.example.com', certificate: cert }, disableExecuteApiEndpoint: true })).not.toThrow();
    expect(() => resolveProps({ environment: DeploymentEnvironment.PROD, backup: { copyToVaultArn: DR_VAULT_ARN } })).not.toThrow();
  });
});

describe('synth errors name the prop', () => {
  test.each<[string, OrderProcessingPlatformProps, RegExp]>([
    ['customDomain with neither certificate nor hostedZone', { customDomain: { domainName: 'orders.example.com' } },
      /customDomain "orders.example.com" needs a certificate or a hostedZone/],
    ['customDomain.domainName not a domain name', { customDomain: { domainName: 'https://orders.example.com', certificate: cert } },
      /customDomain.domainName "https:\/\/orders.example.com" must be a lowercase fully qualified domain name/],
    ['customDomain.domainName outside the hosted zone', { customDomain: { domainName: 'orders.example.org', hostedZone: zone } },
      /customDomain.domainName "orders.example.org" is not in customDomain.hostedZone "example.com"/],
    ['a name that only ends like the zone', { customDomain: { domainName: 'badexample.com', hostedZone: zone } },
      /is not in customDomain.hostedZone/],
    ['disableExecuteApiEndpoint without customDomain', { disableExecuteApiEndpoint: true },
      /disableExecuteApiEndpoint needs customDomain/],
    ['backup.copyToVaultArn not a vault ARN', { environment: DeploymentEnvironment.PROD, backup: { copyToVaultArn: CERTIFICATE_ARN } },
      /backup.copyToVaultArn "arn:aws:acm:.*" must be a backup vault ARN/],
    ['backup.plan not a preset', { environment: DeploymentEnvironment.PROD, backup: { plan: 'HOURLY' as BackupPlanPreset } },
      /backup.plan "HOURLY" must be one of DAILY_35_DAY_RETENTION/],
    ['backup options while backups are off in DEV', { backup: { copyToVaultArn: DR_VAULT_ARN } },
      /backup.copyToVaultArn is set but backups are off \(backup.enabled is false, the DEV default\)/],
    ['backup options with enabled: false', { environment: DeploymentEnvironment.PROD, backup: { enabled: false, plan: BackupPlanPreset.DAILY_35_DAY_RETENTION } },
      /backup.plan is set but backups are off \(backup.enabled is false\)/],
    ['a name prefix too long for the backup alert rule names', {
      environment: DeploymentEnvironment.PROD, projectName: 'a'.repeat(40), environmentSuffix: 'production-eu-west-1',
    }, /with backup enabled it must be at most 50/],
    ['vpcSubnets without vpc', { vpcSubnets: { subnetGroupName: 'app' } }, /vpcSubnets needs vpc/],
    ['createVpcEndpoints without vpc', { createVpcEndpoints: false }, /createVpcEndpoints needs vpc/],
  ])('%s', (_name, props, message) => {
    expect(() => resolveProps(props)).toThrow(message);
  });

  test('the long name prefix is fine without backups', () => {
    expect(() => resolveProps({ projectName: 'a'.repeat(40), environmentSuffix: 'production-eu-west-1' })).not.toThrow();
  });
  test('errors are collected with the others in one message', () => {
    expect(() => resolveProps({ memorySize: 1, customDomain: { domainName: 'orders.example.com' }, vpcSubnets: {} }))
      .toThrow(/invalid props:\n - memorySize 1.*\n - customDomain "orders.example.com" needs.*\n - vpcSubnets needs vpc/s);
  });
  test('the construct throws the same error at synth', () => {
    expect(() => new OrderProcessingPlatform(new Stack(), 'Orders', { customDomain: { domainName: 'orders.example.com' } }))
      .toThrow(/customDomain "orders.example.com" needs a certificate or a hostedZone/);
  });
  test('a vault passed in with backups off is an error too', () => {
    expect(() => resolveProps({ backup: { vault: BackupVault.fromBackupVaultName(stack, 'V', 'v') } }))
      .toThrow(/backup.vault is set but backups are off/);
  });
});
