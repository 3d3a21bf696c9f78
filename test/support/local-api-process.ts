/**
 * The local API as a user runs it (`local/cli.ts serve` in its own process), for tests that talk to it over HTTP:
 * started on a free port, ready when READY appears on stdout, stopped with SIGTERM.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { freePort } from '../../local/dynamodb-local';

const ROOT = path.join(__dirname, '..', '..');

export interface LocalApiProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** What the process wrote so far. */
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

export async function startLocalApiProcess(args: string[]): Promise<LocalApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'local/cli.ts', 'serve', '--port', String(port), ...args], {
    cwd: ROOT, env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.dev.json' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c) => { out = (out + c).slice(-2_000_000); });
  child.stderr!.on('data', (c) => { err = (err + c).slice(-200_000); });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local API did not start in 90 s:\n${err}`)), 90_000);
    child.stdout!.on('data', () => {
      const ready = /READY (http:\/\/\S+)/.exec(out);
      if (ready) { clearTimeout(timer); resolve(ready[1]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`local API exited with ${code} before it was ready:\n${err}`)); });
  });
  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
