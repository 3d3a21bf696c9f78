/**
 * cfn-lint (pinned, provisioned into .tools/ by `npx projen tools:python`) on the synthesized example template and on a PROD variant:
 * zero errors and zero warnings. Ignored rules, if any, live in .cfnlintrc with a reason each.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { BackupVault } from 'aws-cdk-lib/aws-backup';
import { BackupPlanPreset, DeploymentEnvironment, MetricsPublisher, OrderProcessingPlatform, OrderProcessingPlatformProps } from '../../src';
import { certificate, fullProdProps, isolatedVpc } from '../support/production-fixtures';
import { cfnLintBin } from '../support/python-tools';

const ROOT = path.join(__dirname, '..', '..');

function lint(templateFile: string): { findings: any[]; raw: string } {
  const result = spawnSync(cfnLintBin(), ['--format', 'json', templateFile], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (result.error) throw result.error;
  // Exit codes are a bit mask of error(2)/warning(4)/informational(8); 0 means clean. Anything on stderr with no JSON is a crash.
  const raw = result.stdout.trim();
  if (!raw.startsWith('[')) throw new Error(`cfn-lint did not run: exit ${result.status}\n${result.stderr}\n${raw}`);
  return { findings: JSON.parse(raw), raw };
}

const summarize = (findings: any[]) => findings.map((f) => `${f.Level} ${f.Rule.Id} ${f.Location?.Path?.join('/')}: ${f.Message}`);

describe('cfn-lint', () => {
  let outdir: string;
  beforeAll(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-')); });

  test('the example app template is clean', () => {
    const appOut = path.join(outdir, 'example');
    execFileSync('npx', ['ts-node', '--transpile-only', '--project', 'tsconfig.dev.json', 'examples/typescript/app.ts'], {
      cwd: ROOT, env: { ...process.env, CDK_OUTDIR: appOut, ALERT_EMAIL: 'ops@example.com' }, stdio: 'pipe',
    });
    const templateFile = path.join(appOut, 'OrderProcessingExample.template.json');
    const template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
    expect(Object.keys(template.Resources).length).toBeGreaterThan(20);
    expect(summarize(lint(templateFile).findings)).toEqual([]);
  });

  test('a PROD template with every option is clean', () => {
    const app = new App({ analyticsReporting: false, outdir: path.join(outdir, 'prod') });
    const stack = new Stack(app, 'ProdStack');
    new OrderProcessingPlatform(stack, 'Orders', {
      environment: DeploymentEnvironment.PROD,
      alertEmail: 'ops@example.com',
      metricsPublisher: MetricsPublisher.PUT_METRIC_DATA,
      exportPrefix: 'Shop',
      corsAllowedOrigins: ['https://shop.example.com'],
      authorizer: new HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['orders'] }),
    });
    app.synth();
    expect(summarize(lint(path.join(outdir, 'prod', 'ProdStack.template.json')).findings)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => OrderProcessingPlatformProps]>([
    ['PROD with custom domain, backups with a DR copy and an isolated VPC', fullProdProps],
    ['STAGING with a certificate only, no VPC endpoints, imported vault', (s) => ({
      environment: DeploymentEnvironment.STAGING,
      customDomain: { domainName: 'orders.example.com', certificate: certificate(s) },
      backup: { plan: BackupPlanPreset.DAILY_35_DAY_RETENTION, vault: BackupVault.fromBackupVaultName(s, 'Vault', 'central') },
      vpc: isolatedVpc(s),
      createVpcEndpoints: false,
    })],
    ['DEV without backups', () => ({ alertEmail: 'ops@example.com' })],
  ])('%s is clean', (name, props) => {
    const dir = path.join(outdir, name.replace(/[^a-z]/gi, '').slice(0, 30));
    const app = new App({ analyticsReporting: false, outdir: dir });
    const stack = new Stack(app, 'VariantStack');
    new OrderProcessingPlatform(stack, 'Orders', props(stack));
    app.synth();
    expect(summarize(lint(path.join(dir, 'VariantStack.template.json')).findings)).toEqual([]);
  });

  test('the linter does report problems (control: a broken template)', () => {
    const broken = path.join(outdir, 'broken.json');
    fs.writeFileSync(broken, JSON.stringify({
      Resources: { T: { Type: 'AWS::DynamoDB::Table', Properties: { KeySchema: [], BillingMode: 'ON_DEMAND', ReservedConcurrencyLimit: 1 } } },
    }));
    expect(lint(broken).findings.length).toBeGreaterThan(0);
  });
});
