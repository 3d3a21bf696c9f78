import { Token } from 'aws-cdk-lib';
import { BACKUP_NAME_PREFIX_MAX, ResolvedBackup } from './backup';
import { ResolvedCustomDomain } from './custom-domain';
import { ResolvedNetworking } from './networking';
import { BackupPlanPreset } from '../production-props';
import { DeploymentEnvironment, OrderProcessingPlatformProps } from '../props';

/** The production-readiness props (custom domain, backup, VPC) with defaults applied. */
export interface ResolvedProductionProps {
  readonly customDomain?: ResolvedCustomDomain;
  readonly disableExecuteApiEndpoint: boolean;
  /** Undefined when backups are off. */
  readonly backup?: ResolvedBackup;
  /** Undefined without a VPC. */
  readonly networking?: ResolvedNetworking;
}

export const PRODUCTION_DEFAULTS = {
  backupPlan: BackupPlanPreset.DAILY_MONTHLY_1_YEAR_RETENTION,
  createVpcEndpoints: true,
} as const;

// A DNS name of at least two labels: letters, digits and hyphens, no label starting or ending with a hyphen.
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
// arn:<partition>:backup:<region>:<account>:backup-vault:<name>; vault names are 2 to 50 of [A-Za-z0-9_.-].
const BACKUP_VAULT_ARN_PATTERN = /^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[A-Za-z0-9_.-]{2,50}$/;

/**
 * Applies the defaults of the production props and adds each problem to the caller's error list (through `check`),
 * naming the prop. `namePrefix` is `<projectName>-<environmentSuffix>`.
 */
export function resolveProductionProps(
  props: OrderProcessingPlatformProps,
  environment: DeploymentEnvironment,
  namePrefix: string,
  check: (ok: boolean, message: string) => void,
): ResolvedProductionProps {
  const concrete = (value: unknown): value is string => typeof value === 'string' && !Token.isUnresolved(value);

  // --- Custom domain ---------------------------------------------------------------------------------------------
  const domain = props.customDomain;
  if (domain) {
    check(domain.certificate !== undefined || domain.hostedZone !== undefined,
      `customDomain "${domain.domainName}" needs a certificate or a hostedZone (to create a DNS-validated certificate)`);
    if (concrete(domain.domainName)) {
      check(DOMAIN_PATTERN.test(domain.domainName),
        `customDomain.domainName "${domain.domainName}" must be a lowercase fully qualified domain name like orders.example.com`);
      const zoneName = domain.hostedZone?.zoneName?.replace(/\.$/, '');
      if (concrete(zoneName)) {
        check(domain.domainName === zoneName || domain.domainName.endsWith(`.${zoneName}`),
          `customDomain.domainName "${domain.domainName}" is not in customDomain.hostedZone "${zoneName}"`);
      }
    }
  }
  const disableExecuteApiEndpoint = props.disableExecuteApiEndpoint ?? false;
  check(!(disableExecuteApiEndpoint && !domain),
    'disableExecuteApiEndpoint needs customDomain: without it the API would have no reachable endpoint');

  // --- Backup ----------------------------------------------------------------------------------------------------
  const backupProps = props.backup ?? {};
  const backupEnabled = backupProps.enabled ?? environment !== DeploymentEnvironment.DEV;
  const plan = backupProps.plan ?? PRODUCTION_DEFAULTS.backupPlan;
  check(Object.values(BackupPlanPreset).includes(plan),
    `backup.plan "${plan}" must be one of ${Object.values(BackupPlanPreset).join(', ')}`);
  if (concrete(backupProps.copyToVaultArn)) {
    check(BACKUP_VAULT_ARN_PATTERN.test(backupProps.copyToVaultArn),
      `backup.copyToVaultArn "${backupProps.copyToVaultArn}" must be a backup vault ARN ` +
      '(arn:<partition>:backup:<region>:<account>:backup-vault:<name>)');
  }
  if (!backupEnabled) {
    for (const name of ['plan', 'vault', 'copyToVaultArn'] as const) {
      check(backupProps[name] === undefined,
        `backup.${name} is set but backups are off (backup.enabled is false${props.backup?.enabled === undefined ? ', the DEV default' : ''}): set backup.enabled to true`);
    }
  }
  if (backupEnabled && concrete(namePrefix)) {
    check(namePrefix.length <= BACKUP_NAME_PREFIX_MAX,
      `projectName and environmentSuffix make "${namePrefix}" (${namePrefix.length} characters); with backup enabled ` +
      `it must be at most ${BACKUP_NAME_PREFIX_MAX}, because it names the backup plan (50 at most) and starts the backup ` +
      'alert rule names (64 at most)');
  }

  // --- VPC -------------------------------------------------------------------------------------------------------
  if (!props.vpc) {
    check(props.vpcSubnets === undefined, 'vpcSubnets needs vpc');
    check(props.createVpcEndpoints === undefined, 'createVpcEndpoints needs vpc');
  }

  return {
    customDomain: domain
      ? { domainName: domain.domainName, certificate: domain.certificate, hostedZone: domain.hostedZone }
      : undefined,
    disableExecuteApiEndpoint,
    backup: backupEnabled ? {
      plan,
      vault: backupProps.vault,
      copyToVaultArn: backupProps.copyToVaultArn,
      blockRecoveryPointDeletion: environment === DeploymentEnvironment.PROD,
    } : undefined,
    networking: props.vpc ? {
      vpc: props.vpc,
      vpcSubnets: props.vpcSubnets,
      createVpcEndpoints: props.createVpcEndpoints ?? PRODUCTION_DEFAULTS.createVpcEndpoints,
    } : undefined,
  };
}
