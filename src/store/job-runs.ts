import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Guard } from './outbox.ts';
import type { Database, JobRunsTable } from './schema.ts';
import type { StoreDialect } from './types.ts';

export type JobRunState = 'running' | 'ok' | 'failed' | 'skipped';

/** One run of a scheduled job (or of `rampart run --once`), times as ISO strings. */
export interface JobRun {
  id: string;
  job: string;
  /** The cron slot it ran for; absent for a run started by hand. */
  scheduledFor?: string;
  startedAt: string;
  finishedAt?: string;
  state: JobRunState;
  message?: string;
}

export interface StartJobRun {
  job: string;
  scheduledFor?: Date;
  at: Date;
  /** Message of the running row: who runs it, so that another process can tell whether it is gone. */
  note: string;
  /** True for a running row whose process is gone: it is closed as failed instead of blocking. */
  abandoned: (run: JobRun) => boolean;
}

export interface JobRunsStore {
  /**
   * Records a running run of the job unless another one is running; then it records a skipped run
   * instead and returns the run that holds the job. Atomic across processes sharing the store.
   */
  start(p: StartJobRun): Promise<{ run: JobRun; heldBy?: JobRun }>;
  finish(id: string, p: { state: 'ok' | 'failed'; at: Date; message: string }): Promise<void>;
  skip(p: { job: string; scheduledFor?: Date; at: Date; message: string }): Promise<JobRun>;
  /** The latest run of each job that has one, by start time. */
  latest(): Promise<Map<string, JobRun>>;
  /** Runs of one job, newest first. */
  history(job: string, limit?: number): Promise<JobRun[]>;
}

function fromRow(r: Selectable<JobRunsTable>): JobRun {
  return {
    id: r.id,
    job: r.job,
    ...(r.scheduled_for !== null ? { scheduledFor: r.scheduled_for } : {}),
    startedAt: r.started_at,
    ...(r.finished_at !== null ? { finishedAt: r.finished_at } : {}),
    state: r.state as JobRunState,
    ...(r.message !== null ? { message: r.message } : {}),
  };
}

function row(p: { job: string; scheduledFor?: Date | undefined; at: Date; state: JobRunState; message: string; finished: boolean }): JobRunsTable {
  return {
    id: randomUUID(),
    job: p.job,
    scheduled_for: p.scheduledFor?.toISOString() ?? null,
    started_at: p.at.toISOString(),
    finished_at: p.finished ? p.at.toISOString() : null,
    state: p.state,
    message: p.message,
  };
}

/**
 * Runs `work` in a transaction that no other process can interleave with for this table: SQLite's
 * IMMEDIATE transaction takes the write lock up front (a deferred one could read, then fail to
 * write), PostgreSQL's table lock serialises the check-then-insert. The connection is held for the
 * whole transaction, so nothing else of this process slips into it.
 */
async function exclusive<T>(db: Kysely<Database>, dialect: StoreDialect, work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql.raw(dialect === 'sqlite' ? 'begin immediate' : 'begin').execute(conn);
    try {
      if (dialect === 'postgres') await sql`lock table job_runs in share row exclusive mode`.execute(conn);
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (err) {
      await sql`rollback`.execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

export function createJobRunsStore(db: Kysely<Database>, dialect: StoreDialect, guard: Guard): JobRunsStore {
  return {
    start: (p) =>
      guard(`cannot start a run of ${p.job}`, () =>
        exclusive(db, dialect, async (conn) => {
          const running = (await conn.selectFrom('job_runs').selectAll().where('job', '=', p.job).where('state', '=', 'running').orderBy('started_at').execute()).map(fromRow);
          let heldBy: JobRun | undefined;
          for (const r of running) {
            if (!p.abandoned(r)) {
              heldBy ??= r;
              continue;
            }
            await conn
              .updateTable('job_runs')
              .set({ state: 'failed', finished_at: p.at.toISOString(), message: `abandoned: ${r.message ?? 'its process'} is gone` })
              .where('id', '=', r.id)
              .execute();
          }
          const run = heldBy
            ? row({ ...p, state: 'skipped', message: `skipped: the run started ${heldBy.startedAt} is still running (${heldBy.message ?? 'no owner recorded'})`, finished: true })
            : row({ ...p, state: 'running', message: p.note, finished: false });
          await conn.insertInto('job_runs').values(run).execute();
          return { run: fromRow(run), ...(heldBy ? { heldBy } : {}) };
        }),
      ),
    finish: (id, p) =>
      guard(`cannot record the end of job run ${id}`, async () => {
        await db.updateTable('job_runs').set({ state: p.state, finished_at: p.at.toISOString(), message: p.message }).where('id', '=', id).execute();
      }),
    skip: (p) =>
      guard(`cannot record a skipped run of ${p.job}`, async () => {
        const run = row({ ...p, state: 'skipped', finished: true });
        await db.insertInto('job_runs').values(run).execute();
        return fromRow(run);
      }),
    latest: () =>
      guard('cannot read job runs', async () => {
        const rows = await db
          .selectFrom('job_runs as r')
          .selectAll('r')
          .where('r.started_at', '=', (eb) => eb.selectFrom('job_runs as l').select((e) => e.fn.max('l.started_at').as('m')).whereRef('l.job', '=', 'r.job'))
          .orderBy('r.job')
          .execute();
        const out = new Map<string, JobRun>();
        for (const r of rows) if (!out.has(r.job)) out.set(r.job, fromRow(r));
        return out;
      }),
    history: (job, limit = 20) =>
      guard(`cannot read runs of ${job}`, async () =>
        (await db.selectFrom('job_runs').selectAll().where('job', '=', job).orderBy('started_at', 'desc').orderBy('id').limit(limit).execute()).map(fromRow),
      ),
  };
}
