/**
 * The Python tools the tests use (cfn-lint, checkov; the Python CDK for the binding test), each in a virtual environment under
 * `.tools/` with pinned requirements. The `tools:python` task creates them (`npx projen test` runs it first, see
 * provision-python-tools.ts); a test only uses them, and fails naming the task when one is missing or out of date.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/** File in each venv holding the requirements it was built from, one a line. */
export const REQUIREMENTS_STAMP = '.requirements';

/** The command that provisions the venvs, as a developer types it. */
export const PROVISION_COMMAND = 'npx projen tools:python';

/** Where the venvs live: `.tools/`, or `$PYTHON_TOOLS_DIR` (to try the task in a scratch directory). */
export function toolsDir(): string {
  const override = process.env.PYTHON_TOOLS_DIR;
  return override ? path.resolve(override) : path.join(ROOT, '.tools');
}

/** A pip requirements file's requirements: one a line, `#` starts a comment. */
function readRequirements(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/#.*/, '').trim()).filter((l) => l.length > 0);
}

/** Each venv by name, with its pinned requirements. The only place the tools' versions are written. */
export const PYTHON_VENVS = {
  /** cfn-lint on the synthesized template. Pinned so a new rule release cannot break CI unannounced. */
  'cfn-lint': (): string[] => ['cfn-lint==1.58.0'],
  /** checkov's CloudFormation checks on the PROD template (test/construct/checkov.test.ts). Pinned like cfn-lint. */
  'checkov': (): string[] => ['checkov==3.3.30'],
  /**
   * The Python CDK the binding test installs the wheel next to: the Python example app's requirements, which pin the
   * aws-cdk-lib and constructs versions TypeScript builds with (test/bindings/consumer-apps.test.ts checks they match).
   */
  'bindings-python': (): string[] => readRequirements(path.join(ROOT, 'examples', 'python', 'requirements.txt')),
  /** A Python client generated from openapi.json, run against the local API (test/local/generated-clients.test.ts). */
  'openapi-python-client': (): string[] => ['openapi-python-client==0.29.1'],
  /** The property-based fuzzer run against every operation of openapi.json (test/local/schemathesis.test.ts). */
  'schemathesis': (): string[] => ['schemathesis==4.32.5'],
};

export type PythonVenvName = keyof typeof PYTHON_VENVS;

/** The venv's directory and the requirements it must hold. */
export function venvPlan(name: PythonVenvName): { readonly dir: string; readonly requirements: string[] } {
  return { dir: path.join(toolsDir(), name), requirements: PYTHON_VENVS[name]() };
}

/** The requirements a venv was built from, or undefined when it was never completed. */
export function installedRequirements(dir: string): string | undefined {
  const stamp = path.join(dir, REQUIREMENTS_STAMP);
  return fs.existsSync(stamp) ? fs.readFileSync(stamp, 'utf8') : undefined;
}

/**
 * The `bin` directory of a provisioned venv. Throws (a test never skips) when the venv is missing or was built from
 * other requirements, naming the task that fixes it.
 */
export function pythonVenvBin(name: PythonVenvName): string {
  const { dir, requirements } = venvPlan(name);
  const installed = installedRequirements(dir);
  const wanted = requirements.join('\n');
  if (installed !== wanted) {
    const state = installed === undefined ? 'is not provisioned' : `holds ${installed.split('\n').join(' ')}`;
    throw new Error(`The Python tools venv ${dir} ${state}; the tests need ${requirements.join(' ')}. ` +
      `Run \`${PROVISION_COMMAND}\` (\`npx projen test\` runs it first).`);
  }
  return path.join(dir, 'bin');
}

/** Path of an executable installed in a provisioned venv. */
export function venvExecutable(name: PythonVenvName, executable: string): string {
  return path.join(pythonVenvBin(name), executable);
}

/** Path of the checkov executable. */
export function checkovBin(): string {
  return path.join(pythonVenvBin('checkov'), 'checkov');
}

/** Path of the cfn-lint executable. */
export function cfnLintBin(): string {
  return path.join(pythonVenvBin('cfn-lint'), 'cfn-lint');
}
