import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('../../src/cli/entry.ts', import.meta.url));

export interface RunningServe {
  child: ChildProcess;
  /** Where it listens, reached over loopback whatever host it bound. */
  url: string;
  /** Its stderr so far. */
  stderr: () => string;
  /** Its exit code, once it exits. */
  exited: Promise<number | null>;
  /** Sends SIGTERM and waits for the exit code. */
  stop: () => Promise<number | null>;
}

/**
 * `rampart serve` on a free port, once it says where it listens and, with `ready`, once its stderr
 * also matches that. Its stdout is not read, so that a chatty child never blocks on a full pipe.
 */
export async function startServe(args: string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; ready?: RegExp } = {}): Promise<RunningServe> {
  const child = spawn(process.execPath, [ENTRY, 'serve', '--port', '0', ...args], {
    ...(o.cwd ? { cwd: o.cwd } : {}),
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /listening on http:\/\/[^:\s]+:(\d+)/.exec(stderr);
      if (m && (!o.ready || o.ready.test(stderr))) resolve(`http://127.0.0.1:${m[1]}`);
    });
    void exited.then((code) => reject(new Error(`rampart serve exited (${code}): ${stderr}`)));
  });
  return {
    child,
    url,
    stderr: () => stderr,
    exited,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
