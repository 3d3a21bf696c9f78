/**
 * Cheap checks on the consumer apps that need no build: they pin the aws-cdk-lib and constructs versions TypeScript
 * builds with (otherwise "identical templates" would compare two CDK releases), the three parity apps mention the
 * same stack, construct id and prop values, and the README (docs/production.md for the production app) shows each
 * app's code verbatim.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXAMPLES, PARITY_STACK, PRODUCTION_STACK, ROOT, pomProperty, pythonRequirements, typescriptVersions } from './support';

/**
 * Documents whose fenced code blocks must contain each app verbatim; add a document here when it starts showing the
 * apps' code.
 */
const SNIPPET_DOCS = ['README.md'];

const TS_APP = path.join(EXAMPLES, 'typescript', 'bindings-parity-app.ts');
const PY_APP = path.join(EXAMPLES, 'python', 'app.py');
const JAVA_APP = path.join(EXAMPLES, 'java', 'src', 'main', 'java', 'com', 'example', 'orders', 'OrderProcessingApp.java');
const TS_PRODUCTION_APP = path.join(EXAMPLES, 'typescript', 'production-app.ts');
const PY_PRODUCTION_APP = path.join(EXAMPLES, 'python', 'production_app.py');
const JAVA_PRODUCTION_APP = path.join(EXAMPLES, 'java', 'src', 'main', 'java', 'com', 'example', 'orders', 'ProductionApp.java');

/**
 * The part of an app a README shows: from its first `import`/`from`/`package` line to the end (the leading comment
 * only explains the test). The TypeScript app imports the sources; a user imports the package.
 */
function snippet(file: string): string {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const first = lines.findIndex((l) => /^(import|from|package) /.test(l));
  return lines.slice(first).join('\n').replace("from '../../src'", "from 'cdk-order-processing-platform'").trim();
}

/** Fenced code blocks of a Markdown document, by info string. */
function codeBlocks(markdown: string): Array<{ lang: string; code: string }> {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], code: m[2].trim() }));
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('consumer apps', () => {
  test('Python and Java pin the aws-cdk-lib and constructs versions TypeScript builds with, and Java this library\'s version', () => {
    const ts = typescriptVersions();
    expect({ python: pythonRequirements() }).toEqual({ python: [`aws-cdk-lib==${ts.cdk}`, `constructs==${ts.constructs}`] });
    expect({
      'cdk.version': pomProperty('cdk.version'),
      'constructs.version': pomProperty('constructs.version'),
      'order-processing-platform.version': pomProperty('order-processing-platform.version'),
    }).toEqual({ 'cdk.version': ts.cdk, 'constructs.version': ts.constructs, 'order-processing-platform.version': ts.library });
  });

  test('each parity app names the parity stack and the Orders construct, mentions PROD, ops@example.com, 800 and 1600, and turns off analytics reporting', () => {
    const ts = snippet(TS_APP);
    const py = snippet(PY_APP);
    const java = snippet(JAVA_APP);
    for (const code of [ts, py, java]) {
      expect(code).toMatch(new RegExp(`['"]${PARITY_STACK}['"]`));
      expect(code).toMatch(/['"]Orders['"]/);
      expect(code).toMatch(/PROD/);
      expect(code).toMatch(/['"]ops@example\.com['"]/);
      expect(code).toMatch(/800/);
      expect(code).toMatch(/1600/);
      expect(code).toMatch(/analytics_?[rR]eporting[:=(]\s*(false|False)/);
    }
  });

  test.each(SNIPPET_DOCS)('%s shows each consumer app verbatim from its first import line, and the Java app\'s Maven dependency', (doc) => {
    const blocks = codeBlocks(fs.readFileSync(path.join(ROOT, doc), 'utf8'));
    const codeIn = (lang: string) => blocks.filter((b) => b.lang === lang).map((b) => b.code);
    expect(codeIn('ts')).toContain(snippet(TS_APP));
    expect(codeIn('python')).toContain(snippet(PY_APP));
    expect(codeIn('java')).toContain(snippet(JAVA_APP));
    // The Maven dependency a Java user adds is the one the Java app's pom declares (with the version filled in).
    const pom = squash(fs.readFileSync(path.join(EXAMPLES, 'java', 'pom.xml'), 'utf8'))
      .replace('${order-processing-platform.version}', typescriptVersions().library);
    const dependency = codeIn('xml').map(squash).find((x) => x.includes('<artifactId>cdk-order-processing-platform</artifactId>'));
    expect(dependency).toBeDefined();
    expect(pom).toContain(dependency!.replace(/<version>[^<]*<\/version>/, `<version>${typescriptVersions().library}</version>`));
  });

  test('the three production apps use the same stack, construct ids and production props', () => {
    for (const code of [snippet(TS_PRODUCTION_APP), snippet(PY_PRODUCTION_APP), snippet(JAVA_PRODUCTION_APP)]) {
      expect(code).toMatch(new RegExp(`['"]${PRODUCTION_STACK}['"]`));
      for (const id of ['Orders', 'Vpc', 'Zone', 'app', 'Z0123456789ABCDEFGHIJ', 'example.com', 'orders.example.com', 'ops@example.com',
        'arn:aws:backup:eu-central-1:444455556666:backup-vault:orders-dr']) {
        expect(code).toMatch(new RegExp(`['"]${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`));
      }
      expect(code).toMatch(/PROD/);
      expect(code).toMatch(/DAILY_WEEKLY_MONTHLY_7_YEAR_RETENTION/);
      expect(code).toMatch(/PRIVATE_ISOLATED/);
      expect(code).toMatch(/[mM]ax_?[aA]zs[:=(]\s*2/);
      expect(code).toMatch(/[nN]at_?[gG]ateways[:=(]\s*0/);
      expect(code).toMatch(/[cC]idr_?[mM]ask[:=(]\s*24/);
      expect(code).toMatch(/[dD]isable_?[eE]xecute_?[aA]pi_?[eE]ndpoint[:=(]\s*(true|True)/);
      expect(code).toMatch(/analytics_?[rR]eporting[:=(]\s*(false|False)/);
    }
  });

  test('docs/production.md shows exactly the TypeScript production app', () => {
    const blocks = codeBlocks(fs.readFileSync(path.join(ROOT, 'docs', 'production.md'), 'utf8'));
    expect(blocks.filter((b) => b.lang === 'ts').map((b) => b.code)).toContain(snippet(TS_PRODUCTION_APP));
  });
});
