/**
 * checkov (pinned, provisioned into .tools/ by `npx projen tools:python`) on the two PROD templates: every failed check
 * on the platform is one of CHECKOV_EXCEPTIONS, and every listed exception still occurs. checkov runs offline
 * (--skip-download, BC_SKIP_MAPPING): it would otherwise try to fetch guideline mappings from Prisma Cloud.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { CHECKOV_EXCEPTIONS } from '../compliance/exceptions';
import { TemplateName, validate } from '../compliance/templates';
import { checkovBin } from '../support/python-tools';

interface Check { check_id: string; resource: string }

function checkov(templateFile: string): { failed: Check[]; passed: Check[] } {
  const result = spawnSync(checkovBin(), ['-f', templateFile, '--framework', 'cloudformation', '-o', 'json', '--skip-download'], {
    encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, BC_SKIP_MAPPING: 'TRUE' },
  });
  if (result.error) throw result.error;
  // Exit code 1 means failed checks; anything that is not a JSON report is a crash.
  const raw = result.stdout.trim();
  if (!raw.startsWith('{') && !raw.startsWith('[')) throw new Error(`checkov did not run: exit ${result.status}\n${result.stderr}\n${raw}`);
  const report = [JSON.parse(raw)].flat().find((r: any) => r.check_type === 'cloudformation');
  return { failed: report.results.failed_checks, passed: report.results.passed_checks };
}

const templates: Partial<Record<TemplateName, { failed: Check[]; passed: Check[]; file: string }>> = {};
const run = (name: TemplateName) => {
  if (!templates[name]) {
    const { templateFile } = validate(name, () => []);
    templates[name] = { ...checkov(templateFile), file: templateFile };
  }
  return templates[name]!;
};

describe('checkov', () => {
  test.each<TemplateName>(['PROD', 'PROD_DOMAIN_BACKUP_VPC'])('%s: the failed checks are exactly the listed exceptions', (name) => {
    const { failed, passed } = run(name);
    expect(passed.length).toBeGreaterThan(50); // the control: checkov read the template and ran its checks
    const expected = CHECKOV_EXCEPTIONS.filter((e) => e.templates.includes(name)).flatMap((e) => e.logicalIds.map((id) => `${e.rule} ${id}`));
    expect(failed.map((c) => `${c.check_id} ${c.resource.replace(/^[^.]+\./, '')}`).sort()).toEqual(expected.sort());
  });

  test('with the vpc prop the functions pass CKV_AWS_117', () => {
    const inVpc = run('PROD_DOMAIN_BACKUP_VPC').passed.filter((c) => c.check_id === 'CKV_AWS_117').map((c) => c.resource.replace(/^[^.]+\./, ''));
    expect(inVpc.sort()).toEqual(CHECKOV_EXCEPTIONS.find((e) => e.rule === 'CKV_AWS_117')!.logicalIds.slice().sort());
  });

  test('the functions\' environment variables hold no secret', () => {
    const resources = JSON.parse(fs.readFileSync(run('PROD').file, 'utf8')).Resources;
    const names = Object.values<any>(resources).filter((r) => r.Type === 'AWS::Lambda::Function')
      .flatMap((f) => Object.keys(f.Properties.Environment?.Variables ?? {}));
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n).not.toMatch(/SECRET|PASSWORD|TOKEN|KEY/i);
  });

  test('the only unconstrained writes are the network interface actions Lambda needs in a VPC', () => {
    const resources = JSON.parse(fs.readFileSync(run('PROD_DOMAIN_BACKUP_VPC').file, 'utf8')).Resources;
    const onStar = Object.values<any>(resources).filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => s.Effect === 'Allow' && [s.Resource].flat().includes('*') && !s.Condition)
      .flatMap((s: any) => [s.Action].flat());
    // X-Ray segments (no resource-level permissions), the ENI actions and reads; nothing that writes data.
    expect([...new Set(onStar)].sort()).toEqual(expect.arrayContaining(['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface']));
    for (const action of onStar) expect(action).toMatch(/^(ec2:(Create|Delete|Describe|Assign|Unassign)\w*NetworkInterface\w*|ec2:\w+PrivateIpAddresses|ec2:DescribeSubnets|xray:Put\w+|dynamodb:ListStreams)$/);
  });
});
