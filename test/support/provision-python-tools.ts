/**
 * The `tools:python` task: creates each venv of PYTHON_VENVS (or only those named as arguments) whose requirements
 * changed, and leaves the others alone, so a run with everything up to date takes no time. A venv is rebuilt from
 * scratch rather than upgraded in place, and its requirements stamp is written last, so an interrupted run is redone.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PYTHON_VENVS, PythonVenvName, REQUIREMENTS_STAMP, installedRequirements, venvPlan } from './python-tools';

function provision(name: PythonVenvName): void {
  const { dir, requirements } = venvPlan(name);
  const wanted = requirements.join('\n');
  if (installedRequirements(dir) === wanted) {
    console.log(`${name}: up to date (${requirements.join(' ')}) in ${dir}`);
    return;
  }
  console.log(`${name}: creating ${dir} with ${requirements.join(' ')}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const run = (cmd: string, args: string[]) => {
    try {
      execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
    } catch (err) {
      throw new Error(`${name}: \`${cmd} ${args.join(' ')}\` failed (${(err as Error).message.split('\n')[0]}). ` +
        'It needs python3 with the venv module, access to PyPI, and pinned versions PyPI publishes (see python-tools.ts).');
    }
  };
  run('python3', ['-m', 'venv', dir]);
  run(path.join(dir, 'bin', 'pip'), ['install', '--disable-pip-version-check', '--quiet', ...requirements]);
  fs.writeFileSync(path.join(dir, REQUIREMENTS_STAMP), wanted);
}

function main(args: string[]): void {
  const known = Object.keys(PYTHON_VENVS) as PythonVenvName[];
  const unknown = args.filter((a) => !(known as string[]).includes(a));
  if (unknown.length > 0) {
    throw new Error(`unknown Python tools venv ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  for (const name of args.length > 0 ? (args as PythonVenvName[]) : known) provision(name);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(`tools:python: ${(err as Error).message}`);
  process.exitCode = 1;
}
