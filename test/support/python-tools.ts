/**
 * Python tools the tests need (cfn-lint; the Python CDK for the binding test) live in virtual environments under
 * `.tools/`, created on first use from pinned requirements, so `npx projen test` works on a fresh machine with only
 * python3 installed. A venv whose requirements changed is rebuilt.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const TOOLS_DIR = path.join(__dirname, '..', '..', '.tools');

/** cfn-lint version used on the synthesized template. Pinned so a new rule release cannot break CI unannounced. */
export const CFN_LINT_REQUIREMENT = 'cfn-lint==1.58.0';

/**
 * Returns the `bin` directory of a virtual environment named `name` that has `requirements` installed,
 * creating or refreshing it when needed. Throws (never skips) when python3 or pip fails.
 */
export function ensurePythonVenv(name: string, requirements: string[]): string {
  const venv = path.join(TOOLS_DIR, name);
  const bin = path.join(venv, 'bin');
  const stamp = path.join(venv, '.requirements');
  const wanted = requirements.join('\n');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return bin;
  fs.rmSync(venv, { recursive: true, force: true });
  fs.mkdirSync(TOOLS_DIR, { recursive: true });
  const run = (cmd: string, args: string[]) =>
    execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 15 * 60_000, maxBuffer: 64 * 1024 * 1024 });
  try {
    run('python3', ['-m', 'venv', venv]);
    run(path.join(bin, 'pip'), ['install', '--disable-pip-version-check', '--quiet', ...requirements]);
  } catch (err) {
    const e = err as { stderr?: Buffer; message: string };
    throw new Error(`Could not prepare the Python tools venv ${venv} (${requirements.join(' ')}): ${e.stderr?.toString() ?? e.message}`);
  }
  fs.writeFileSync(stamp, wanted);
  return bin;
}

/** Path of a cfn-lint executable, installed on first use. */
export function cfnLintBin(): string {
  return path.join(ensurePythonVenv('cfn-lint', [CFN_LINT_REQUIREMENT]), 'cfn-lint');
}
