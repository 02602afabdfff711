import { hostname } from 'node:os';
import type { JobRun } from '../store/job-runs.ts';

/**
 * A run left `running` by a process that crashed must not block its job forever. On the same host
 * the recorded pid tells: no such process, the run is abandoned. From another host nothing can be
 * asked, so only age tells; a day is longer than a scan of thousands of accounts takes, so a live
 * run is never taken for a dead one. Hosts are told apart by name: containers sharing a database
 * need distinct host names (Docker and Kubernetes give them by default). Age counts on the same
 * host too, because two sandboxes with one host name (Lambda) can reuse each other's pids.
 */
export const STALE_AFTER_MS = 24 * 3_600_000;

export interface RunOwner {
  host: string;
  pid: number;
}

export function currentOwner(): RunOwner {
  return { host: hostname(), pid: process.pid };
}

/** The running row's message; `ownerOf` reads it back. */
export function ownerNote(o: RunOwner): string {
  return `running as pid ${o.pid} on ${o.host}`;
}

function ownerOf(run: JobRun): RunOwner | undefined {
  const m = /^running as pid (\d+) on (.+)$/.exec(run.message ?? '');
  return m ? { pid: Number(m[1]), host: m[2]! } : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function abandoned(run: JobRun, now: Date, self: RunOwner, isAlive: (pid: number) => boolean = alive): boolean {
  if (now.getTime() - Date.parse(run.startedAt) > STALE_AFTER_MS) return true;
  const owner = ownerOf(run);
  return owner !== undefined && owner.host === self.host && !isAlive(owner.pid);
}
