/**
 * A test that needs a Python tool finds it provisioned or fails naming the task that provisions it; it never installs
 * anything itself and never skips.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PROVISION_COMMAND, PYTHON_VENVS, REQUIREMENTS_STAMP, cfnLintBin, pythonVenvBin } from './python-tools';

describe('Python tools venvs', () => {
  let dir: string;
  const previous = process.env.PYTHON_TOOLS_DIR;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'python-tools-'));
    process.env.PYTHON_TOOLS_DIR = dir;
  });
  afterEach(() => {
    if (previous === undefined) delete process.env.PYTHON_TOOLS_DIR;
    else process.env.PYTHON_TOOLS_DIR = previous;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const stamp = (name: string, text: string) => {
    fs.mkdirSync(path.join(dir, name, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(dir, name, REQUIREMENTS_STAMP), text);
  };

  test('every venv pins each requirement to one version', () => {
    for (const [name, requirements] of Object.entries(PYTHON_VENVS)) {
      expect({ name, unpinned: requirements().filter((r) => !/^[A-Za-z0-9_.-]+==[0-9][^\s]*$/.test(r)) })
        .toEqual({ name, unpinned: [] });
    }
  });

  test('a missing venv is an error naming the venv, the requirements and the task', () => {
    expect(() => cfnLintBin()).toThrow(`The Python tools venv ${path.join(dir, 'cfn-lint')} is not provisioned; ` +
      `the tests need ${PYTHON_VENVS['cfn-lint']().join(' ')}. Run \`${PROVISION_COMMAND}\``);
  });

  test('a venv built from other requirements is an error saying what it holds', () => {
    stamp('cfn-lint', 'cfn-lint==0.1.0');
    expect(() => cfnLintBin()).toThrow(/holds cfn-lint==0\.1\.0; the tests need cfn-lint==.*Run `npx projen tools:python`/);
  });

  test('a provisioned venv gives its executables', () => {
    stamp('cfn-lint', PYTHON_VENVS['cfn-lint']().join('\n'));
    expect(cfnLintBin()).toBe(path.join(dir, 'cfn-lint', 'bin', 'cfn-lint'));
    stamp('bindings-python', PYTHON_VENVS['bindings-python']().join('\n'));
    expect(pythonVenvBin('bindings-python')).toBe(path.join(dir, 'bindings-python', 'bin'));
  });
});
