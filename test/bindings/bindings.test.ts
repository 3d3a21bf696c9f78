/**
 * The Python and Java packages work the way a Python or Java CDK user uses them: jsii-pacmak builds the wheel and the
 * jar from this checkout, a fresh virtual environment installs the wheel and a Maven project depends on the jar, and
 * a small app in each language synthesizes the construct with the same non-default props as
 * examples/typescript/bindings-parity-app.ts. The three templates and asset manifests must be identical (so the
 * bundled handler, whose hash is in both, is byte-for-byte the one TypeScript ships), and an invalid prop must fail
 * with the same message in every language.
 *
 * Always rebuilds: compile (jsii) plus pacmak take about a minute here, and a staleness rule would have to know every
 * input of the packages (src/, assets/, package.json, README.md, jsii and pacmak versions); a wrong guess would test an
 * old jar. Needs the bindings-python venv (`npx projen tools:python`, which `npx projen test` runs first), Java 17+
 * and Maven, and network access to Maven Central on first run; when one is missing the test fails and says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import {
  DIST_JAVA, DIST_PYTHON, EXAMPLES, MAVEN_ARTIFACT, MAVEN_GROUP_PATH, PARITY_STACK, PRODUCTION_STACK, ROOT, WORK_DIR,
  appEnv, assetHashes, bin, embeddedPackageFiles, freshOutdir, jsonDifferences, listFiles, mavenLocalRepository, newestMtime,
  normalizeErrorOutput, once, progress, readSynth, run, typescriptVersions,
} from './support';
import { OrderProcessingPlatform } from '../../src';
import { HANDLER_BUNDLES } from '../../src/contract/platform';
import { packageContentProblems } from '../support/package-contents';
import { pythonVenvBin } from '../support/python-tools';

const MINUTE = 60_000;

/** Why a Maven build cannot resolve aws-cdk-lib, in words: the library's minimum version is not on Maven Central. */
function mavenCdkHint(output: string): string | undefined {
  if (!/software\.amazon\.awscdk:aws-cdk-lib/.test(output)) return undefined;
  return `Maven cannot resolve software.amazon.awscdk:aws-cdk-lib ${typescriptVersions().cdk} or the range the jar ` +
    'declares ([cdkVersion,3.0.0) from .projenrc.ts). A range resolves only through Maven Central\'s ' +
    'maven-metadata.xml, which can lag behind the jars it has; cdkVersion must be a release that npm, PyPI and that ' +
    'metadata all list, or Java users cannot install the jar.';
}

// ------------------------------------------------------------------------------------------------------------------
// Build steps, each run once and shared by the tests that need it.
// ------------------------------------------------------------------------------------------------------------------

/** The function bundles (assets/) must exist before packaging; `projen test` bundles, a bare `jest` run may not have. */
const compiled = once(async () => {
  const bundle = path.join(ROOT, HANDLER_BUNDLES.embeddedMetricFormat, 'index.mjs');
  const sources = Math.max(newestMtime(path.join(ROOT, 'src', 'functions')), newestMtime(path.join(ROOT, 'src', 'contract')));
  if (!fs.existsSync(bundle) || fs.statSync(bundle).mtimeMs < sources) {
    await run('bundle the handler', bin('projen'), ['bundle'], { timeoutMs: 5 * MINUTE });
  }
  // Compiled once per change: `npx projen build` has just compiled before it runs the tests, and jsii's only inputs
  // are src/ and package.json.
  const assembly = path.join(ROOT, 'lib', '.jsii');
  const inputs = Math.max(newestMtime(path.join(ROOT, 'src')), fs.statSync(path.join(ROOT, 'package.json')).mtimeMs);
  if (!fs.existsSync(assembly) || fs.statSync(assembly).mtimeMs < inputs) {
    await run('compile (jsii)', bin('projen'), ['compile'], { timeoutMs: 10 * MINUTE });
  }
});

async function pacmak(target: 'python' | 'java', outDir: string): Promise<void> {
  await compiled();
  // A clean output directory: pacmak skips a target whose fingerprint (of .jsii only) matches, which would keep an
  // old handler bundle after a change under assets/.
  fs.rmSync(outDir, { recursive: true, force: true });
  await run(`jsii-pacmak ${target}`, bin('jsii-pacmak'), [
    '--target', target, '--force',
    // The default local repository instead of pacmak's throw-away one: Maven plugins and aws-cdk-lib are downloaded
    // once per machine, not on every build.
    ...(target === 'java' ? ['--maven-local-repository', mavenLocalRepository()] : []),
  ], { timeoutMs: 20 * MINUTE, hint: target === 'java' ? mavenCdkHint : undefined });
}

const wheel = once(async () => {
  await pacmak('python', DIST_PYTHON);
  const wheels = listFiles(DIST_PYTHON).filter((f) => f.endsWith('.whl'));
  if (wheels.length !== 1) throw new Error(`expected one wheel in ${DIST_PYTHON}, found: ${wheels.join(', ') || 'none'}`);
  return wheels[0];
});

const jar = once(async () => {
  await pacmak('java', DIST_JAVA);
  const { library } = typescriptVersions();
  const dir = path.join(DIST_JAVA, ...MAVEN_GROUP_PATH, MAVEN_ARTIFACT, library);
  const file = path.join(dir, `${MAVEN_ARTIFACT}-${library}.jar`);
  if (!fs.existsSync(file) || !fs.existsSync(path.join(dir, `${MAVEN_ARTIFACT}-${library}.pom`))) {
    throw new Error(`jsii-pacmak did not lay out ${file} and its pom; dist/java holds: ${listFiles(DIST_JAVA).join(', ')}`);
  }
  // pacmak's `mvn deploy` also installs the artifact into the local repository. Remove it, so the consumer project
  // resolves it from dist/java, like any artifact from a repository, and never from an older build.
  fs.rmSync(path.join(mavenLocalRepository(), ...MAVEN_GROUP_PATH, MAVEN_ARTIFACT), { recursive: true, force: true });
  return file;
});

/** The provisioned venv with the pinned Python CDK (`npx projen tools:python`), plus the freshly built wheel. */
const pythonBin = once(async () => {
  const wheelFile = await wheel();
  const venvBin = pythonVenvBin('bindings-python');
  // Reinstall the wheel on every run: its version stays 0.0.0 between builds, so pip would keep the old one. pip
  // resolves the wheel's own requirements (aws-cdk-lib, constructs, jsii) against the pinned ones and fails if the
  // wheel asks for versions PyPI does not have.
  const pip = path.join(venvBin, 'pip');
  await run('pip uninstall the previous build', pip, ['uninstall', '--yes', '--quiet', 'cdk-order-processing-platform'], { timeoutMs: 5 * MINUTE });
  await run('pip install the wheel', pip, ['install', '--disable-pip-version-check', '--quiet', wheelFile], { timeoutMs: 15 * MINUTE });
  return venvBin;
});

async function runPython(script: string, outdir: string, allowFailure = false) {
  const python = path.join(await pythonBin(), 'python');
  return run(`python ${script}`, python, [script], {
    cwd: path.join(EXAMPLES, 'python'), env: appEnv(outdir), timeoutMs: 10 * MINUTE, allowFailure,
  });
}

async function runJava(mainClass: string, outdir: string, allowFailure = false) {
  await jar();
  return run(`java ${mainClass}`, 'mvn', [
    '--batch-mode', '--no-transfer-progress', '--quiet', '-f', path.join(EXAMPLES, 'java', 'pom.xml'),
    `-Dexec.mainClass=com.example.orders.${mainClass}`, 'compile', 'exec:java',
  ], { cwd: path.join(EXAMPLES, 'java'), env: appEnv(outdir), timeoutMs: 20 * MINUTE, allowFailure, hint: mavenCdkHint });
}

/** The reference: the TypeScript parity app, run from the sources like the repository's own example app. */
const typescriptSynth = once(async () => {
  const outdir = freshOutdir('typescript');
  await run('TypeScript parity app', bin('ts-node'), ['--project', 'tsconfig.dev.json', 'examples/typescript/bindings-parity-app.ts'], {
    env: appEnv(outdir), timeoutMs: 10 * MINUTE,
  });
  return readSynth(outdir);
});

/** A failed run of a bad-props app printed the TypeScript validation error line naming projectName, verbatim. */
function expectTypescriptProjectNameError(result: { status: number | null; stdout: string; stderr: string }): void {
  const output = normalizeErrorOutput(result.stdout + result.stderr);
  expect(result.status).not.toBe(0);
  expect(output).toMatch(/OrderProcessingPlatform: invalid props/);
  expect(output).toMatch(/projectName[^\n]*Bad_Name/);
  expect(output).toContain(typescriptProjectNameError());
}

/** The line of the TypeScript validation error that names projectName, which Python and Java must print verbatim. */
function typescriptProjectNameError(): string {
  const stack = new Stack(new App({ analyticsReporting: false }), 'OrderProcessingBadProps');
  let message = '';
  try {
    new OrderProcessingPlatform(stack, 'Orders', { projectName: 'Bad_Name' });
  } catch (err) {
    message = (err as Error).message;
  }
  expect(message).toMatch(/projectName/);
  const line = message.split('\n').find((l) => /projectName/.test(l) && /Bad_Name/.test(l));
  if (!line) throw new Error(`the TypeScript error does not name projectName and Bad_Name on one line:\n${message}`);
  return line.trim();
}

/** The TypeScript production app (custom domain, backups, VPC): the reference for the other two production apps. */
const typescriptProductionSynth = once(async () => {
  const outdir = freshOutdir('typescript-production');
  await run('TypeScript production app', bin('ts-node'), ['--project', 'tsconfig.dev.json', 'examples/typescript/production-app.ts'], {
    env: appEnv(outdir), timeoutMs: 10 * MINUTE,
  });
  return readSynth(outdir, PRODUCTION_STACK);
});

function expectSameSynth(language: string, outdir: string, expected: ReturnType<typeof readSynth>, stackName = PARITY_STACK) {
  const actual = readSynth(outdir, stackName);
  const hashes = assetHashes(expected.assets);
  // The handler bundle is a file asset; its hash is the S3 key the Lambda function's Code points at.
  expect(hashes.files.length).toBeGreaterThan(0);
  expect({ language, assetHashes: assetHashes(actual.assets) }).toEqual({ language, assetHashes: hashes });
  expect({ language, templateDifferences: jsonDifferences(expected.template, actual.template) })
    .toEqual({ language, templateDifferences: [] });
  expect({ language, assetManifestDifferences: jsonDifferences(expected.assets, actual.assets) })
    .toEqual({ language, assetManifestDifferences: [] });
  expect(actual.template).toEqual(expected.template);
}

beforeAll(() => {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  progress(`builds go to dist/python and dist/java; synth output to ${path.relative(ROOT, WORK_DIR)}/`);
});

describe('Python binding (wheel from dist/python in a fresh venv)', () => {
  test('the wheel is under 5 MiB and embeds the library and its handler bundles, no function sources, nothing else', async () => {
    const file = await wheel();
    // The wheel embeds the npm tarball; examples, venvs or synth output leaking into it would make it huge.
    expect(fs.statSync(file).size).toBeLessThan(5 * 1024 * 1024);
    expect(path.basename(file)).toMatch(/^cdk_order_processing_platform-.*-py3-none-any\.whl$/);
    expect(packageContentProblems(await embeddedPackageFiles(file))).toEqual([]);
  }, 30 * MINUTE);

  test('the Python app synthesizes the TypeScript parity app\'s template and asset manifest, with the same asset hashes', async () => {
    const expected = await typescriptSynth();
    const outdir = freshOutdir('python');
    await runPython('app.py', outdir);
    expectSameSynth('python', outdir, expected);
  }, 40 * MINUTE);

  test('the Python production app (custom domain, backups, VPC) synthesizes the TypeScript production app\'s template and asset manifest, with the same asset hashes', async () => {
    const expected = await typescriptProductionSynth();
    const outdir = freshOutdir('python-production');
    await runPython('production_app.py', outdir);
    expectSameSynth('python', outdir, expected, PRODUCTION_STACK);
  }, 40 * MINUTE);

  test('an invalid projectName from Python exits non-zero and prints the TypeScript validation line naming it', async () => {
    expectTypescriptProjectNameError(await runPython('bad_props_app.py', freshOutdir('python-bad-props'), true));
  }, 40 * MINUTE);
});

describe('Java binding (jar from dist/java in a Maven project)', () => {
  test('the jar is under 5 MiB and embeds the library and its handler bundles, no function sources, nothing else', async () => {
    const file = await jar();
    expect(fs.statSync(file).size).toBeLessThan(5 * 1024 * 1024);
    expect(packageContentProblems(await embeddedPackageFiles(file))).toEqual([]);
  }, 30 * MINUTE);

  test('the Java app synthesizes the TypeScript parity app\'s template and asset manifest, with the same asset hashes', async () => {
    const expected = await typescriptSynth();
    const outdir = freshOutdir('java');
    await runJava('OrderProcessingApp', outdir);
    expectSameSynth('java', outdir, expected);
  }, 40 * MINUTE);

  test('the Java production app (custom domain, backups, VPC) synthesizes the TypeScript production app\'s template and asset manifest, with the same asset hashes', async () => {
    const expected = await typescriptProductionSynth();
    const outdir = freshOutdir('java-production');
    await runJava('ProductionApp', outdir);
    expectSameSynth('java', outdir, expected, PRODUCTION_STACK);
  }, 40 * MINUTE);

  test('an invalid projectName from Java exits non-zero and prints the TypeScript validation line naming it', async () => {
    expectTypescriptProjectNameError(await runJava('BadPropsApp', freshOutdir('java-bad-props'), true));
  }, 40 * MINUTE);
});

describe('API reference', () => {
  test('API.md is what jsii-docgen generates from the compiled assembly (run `npx projen docgen` after changing the API)', async () => {
    await compiled();
    const generated = path.join(freshOutdir('docgen'), 'API.md');
    await run('jsii-docgen', bin('jsii-docgen'), ['-o', generated], { timeoutMs: 5 * MINUTE });
    expect(fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8')).toBe(fs.readFileSync(generated, 'utf8'));
  }, 20 * MINUTE);
});
