/**
 * The templates the compliance tests judge (DEV, PROD, and PROD with a custom domain, backups and a VPC), and one way
 * to synthesize them under any set of Validations plugins and read back what the plugins reported.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, CfnElement, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import { DeploymentEnvironment, OrderProcessingPlatform, OrderProcessingPlatformProps } from '../../src';
import { fullProdProps } from '../support/production-fixtures';

export const STACK = 'Compliance';
/** Construct paths of the platform start with this; the test VPC and the user's resources do not. */
export const PLATFORM_PATH = `${STACK}/Orders/`;

export type TemplateName = 'DEV' | 'PROD' | 'PROD_DOMAIN_BACKUP_VPC';

export const TEMPLATES: Record<TemplateName, { readonly title: string; readonly props: (stack: Stack) => OrderProcessingPlatformProps }> = {
  DEV: { title: 'DEV (defaults)', props: () => ({}) },
  PROD: { title: 'PROD (defaults: backups on, no VPC)', props: () => ({ environment: DeploymentEnvironment.PROD, alertEmail: 'ops@example.com' }) },
  PROD_DOMAIN_BACKUP_VPC: { title: 'PROD with a custom domain, backups with a DR copy and an isolated VPC', props: fullProdProps },
};

/** One finding: a rule on one resource. */
export interface Finding {
  readonly plugin: string;
  readonly rule: string;
  readonly logicalId: string;
  readonly path: string;
}

export interface Validated {
  readonly findings: Finding[];
  readonly stack: Stack;
  readonly templateFile: string;
}

/**
 * Synthesizes one template with the platform (and whatever `extra` adds beside it) under `plugins`, and returns every
 * unacknowledged finding from the validation report (`props` replaces the template's props, e.g. to add one). A failed synth is thrown unless the report explains it.
 */
export function validate(
  name: TemplateName,
  plugins: (app: App) => IPolicyValidationPlugin[],
  extra?: (stack: Stack) => void,
  props: (stack: Stack) => OrderProcessingPlatformProps = TEMPLATES[name].props,
): Validated {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-'));
  const app = new App({ analyticsReporting: false, outdir });
  Validations.of(app).addPlugins(...plugins(app));
  const stack = new Stack(app, STACK, { env: { account: '111122223333', region: 'eu-west-1' } });
  new OrderProcessingPlatform(stack, 'Orders', props(stack));
  extra?.(stack);
  let thrown: Error | undefined;
  try { app.synth(); } catch (err) { thrown = err as Error; }
  const reportFile = path.join(outdir, 'validation-report.json');
  if (!fs.existsSync(reportFile)) throw thrown ?? new Error('no validation report was written');
  const logicalIds = new Map(stack.node.findAll().filter(CfnElement.isCfnElement)
    .map((el) => [el.node.path, stack.resolve(el.logicalId) as string]));
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  const findings: Finding[] = report.pluginReports.flatMap((p: any) => (p.violations ?? []).flatMap((v: any) =>
    (v.violatingConstructs ?? []).map((c: any) => ({
      plugin: p.summary?.pluginName ?? p.pluginName ?? '',
      // Control Tower rules are named by their guard rule; their control id heads the description.
      rule: /^\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(v.description ?? '')?.[1] ?? v.ruleName,
      logicalId: c.cloudFormationResource?.logicalId ?? logicalIds.get(c.constructPath) ?? '',
      path: c.constructPath ?? '',
    }))));
  if (thrown && findings.length === 0) throw thrown;
  return { findings, stack, templateFile: path.join(outdir, `${STACK}.template.json`) };
}
