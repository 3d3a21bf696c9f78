/**
 * Renders the generated sections of docs/compliance.md from the exception lists (test/compliance/exceptions.ts) and
 * from the acknowledgements the synthesized construct records, so the page a reviewer signs is the lists the tests
 * enforce. `npx projen docs:compliance` writes them; test/docs/compliance.test.ts fails when the page differs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Validations } from 'aws-cdk-lib';
import { CDK_NAG_EXCEPTIONS, CHECKOV_EXCEPTIONS, CONTROL_TOWER_EXCEPTIONS, Exception } from './exceptions';
import { PLATFORM_PATH, TEMPLATES, validate } from './templates';

export const DOC = path.join(__dirname, '..', '..', 'docs', 'compliance.md');

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function exceptionTable(exceptions: readonly Exception[]): string {
  const rows = exceptions.map((e) => `| ${e.rule} | ${e.templates.map((t) => TEMPLATES[t].title.split(' (')[0].replace(/ with .*/, ' with VPC')).join(', ')} | ` +
    `${e.logicalIds.map((id) => `\`${id}\``).join(', ')} | ${cell(e.reason)} | \`${e.pinnedBy.split(': ')[0]}\`: "${e.pinnedBy.split(': ').slice(1).join(': ')}" |`);
  return ['| rule | templates | resources (logical id) | why | pinned by |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** The test that fails when an acknowledgement moves, goes missing or loses its reason, by pack. */
const ACK_PINNED_BY = (id: string) => /^(NIST|HIPAA|PCI)/.test(id)
  ? '`test/construct/cdk-nag.test.ts`: "PROD in a VPC with backups: no unacknowledged finding on the platform"'
  : '`test/construct/cdk-nag.test.ts`: "with backups (and a DR copy), the backup role and alert rules carry theirs"';

/** The platform's cdk-nag acknowledgements on the PROD template with every option (the one that has them all). */
function acknowledgementTable(): string {
  const { stack } = validate('PROD_DOMAIN_BACKUP_VPC', () => []);
  const rows = stack.node.findAll()
    .filter((c) => `${c.node.path}/`.startsWith(PLATFORM_PATH))
    .flatMap((c) => c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) => Object.entries(m.data as Record<string, string>))
      .map(([id, reason]) => ({ id, on: c.node.path.slice(PLATFORM_PATH.length), reason })))
    .sort((a, b) => a.id.localeCompare(b.id) || a.on.localeCompare(b.on))
    .map(({ id, on, reason }) => `| ${cell(id)} | \`${on}\` | ${cell(reason)} | ${ACK_PINNED_BY(id)} |`);
  return ['| finding | resource (construct path under the platform) | why | pinned by |', '|---|---|---|---|', ...rows].join('\n');
}

export function renderSections(): Record<string, string> {
  return {
    'control-tower': exceptionTable(CONTROL_TOWER_EXCEPTIONS),
    'cdk-nag-acknowledgements': acknowledgementTable(),
    'cdk-nag-expected': exceptionTable(CDK_NAG_EXCEPTIONS),
    'checkov': exceptionTable(CHECKOV_EXCEPTIONS),
  };
}

/** The page with each `<!-- generated:name -->` … `<!-- /generated:name -->` section replaced by its rendering. */
export function render(page: string, sections: Record<string, string> = renderSections()): string {
  let out = page;
  for (const [name, body] of Object.entries(sections)) {
    const re = new RegExp(`(<!-- generated:${name} -->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`docs/compliance.md has no generated section ${name}`);
    out = out.replace(re, (_m, open, close) => `${open}${body}\n${close}`);
  }
  return out;
}

if (require.main === module) {
  fs.writeFileSync(DOC, render(fs.readFileSync(DOC, 'utf8')));
  console.log(`wrote ${path.relative(process.cwd(), DOC)}`);
}
