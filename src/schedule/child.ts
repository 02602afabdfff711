import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { JobName } from '../policy/schema.ts';

export interface JobProcessOptions {
  job: JobName;
  slot: Date;
  /** Flags passed on to `rampart run` (--db, --policy, --now). */
  flags: readonly string[];
  signal: AbortSignal;
  log(line: string): void;
}

/**
 * Runs `rampart run --once <job>` as a child process of the same program. A child keeps a job's
 * memory, a crash and its exit code away from the server, can be stopped with a signal, and puts
 * its own pid on the job's running row, so a crashed one is known as gone. Its output is logged
 * line by line, prefixed with the job.
 */
export function runJobProcess(o: JobProcessOptions): Promise<number | null> {
  const script = process.argv[1];
  if (!script) return Promise.reject(new Error('cannot tell which program to run the job with'));
  const child = spawn(process.execPath, [...process.execArgv, script, 'run', '--once', o.job, '--scheduled-for', o.slot.toISOString(), ...o.flags], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (stream: NodeJS.ReadableStream) =>
    createInterface({ input: stream }).on('line', (raw) => {
      const line = raw.replace(/^rampart: /, '');
      o.log(line.startsWith(`${o.job}: `) ? line : `${o.job}: ${line}`);
    });
  forward(child.stdout);
  forward(child.stderr);
  const stop = () => child.kill('SIGTERM');
  o.signal.addEventListener('abort', stop, { once: true });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      o.signal.removeEventListener('abort', stop);
      o.log(`${o.job}: ${code !== null ? `exited ${code}` : `ended by ${signal}`}`);
      resolve(code);
    });
  });
}
