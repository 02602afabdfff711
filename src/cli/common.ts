import { access, mkdir, constants } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_CHECK_OPTIONS, type CheckOptions } from '../checks/types.ts';
import type { Store } from '../store/index.ts';
import { UsageError } from './errors.ts';
import { instant } from './parse.ts';

export function addDbOption(cmd: Command): Command {
  return cmd.option('--db <location>', 'database: a SQLite file path or sqlite: URL, or a postgres:// URL (env RAMPART_DB)', process.env.RAMPART_DB);
}

export function addNowOption(cmd: Command): Command {
  return cmd.option('--now <iso-time>', 'fix the clock for date computations, e.g. 2026-11-20T06:00:00Z (env RAMPART_NOW)', instant);
}

/** --now, else RAMPART_NOW, else the real clock. */
export function resolveNow(flag: Date | undefined): Date | undefined {
  if (flag) return flag;
  const env = process.env.RAMPART_NOW;
  if (!env) return undefined;
  const d = new Date(env);
  if (Number.isNaN(d.getTime())) throw new UsageError(`RAMPART_NOW='${env}' is not an ISO date-time`);
  return d;
}

/** Opens (and migrates) the database before any work, so a bad URL fails before anything runs. */
export async function openDatabase(location: string | undefined): Promise<Store> {
  try {
    const { openStore } = await import('../store/index.ts');
    return await openStore(location);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function checkOptions(): CheckOptions {
  return { ...DEFAULT_CHECK_OPTIONS };
}

function reason(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/** Creates the reports folder up front, so an unwritable --out fails before the scan, not after it. */
export async function prepareOutDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (err) {
    throw new UsageError(`cannot write reports to ${dir}: ${reason(err)}`);
  }
}

/** Checks that a file can be created in its folder before any work starts. */
export async function assertCanCreate(path: string, what: string): Promise<void> {
  try {
    await access(dirname(resolve(path)), constants.W_OK);
  } catch (err) {
    throw new UsageError(`cannot write ${what} ${path}: ${reason(err)}`);
  }
}
