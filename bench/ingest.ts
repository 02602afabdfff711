// Benchmark: `rampart import asff` of generated ASFF findings into SQLite and into PostgreSQL, as a
// user runs it (bin/rampart.js, freshly built, in a child process pinned to one core), at growing
// sizes so that memory can be seen to stay flat. Not part of the test command.
//
//   node bench/ingest.ts [--sizes 100000,300000,1000000] [--pg postgres://postgres@127.0.0.1:5432/test] [--only sqlite|postgres]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { writeAsffFile } from './support/asff-generator.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100000,300000,1000000' },
    pg: { type: 'string', default: process.env.RAMPART_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test' },
    only: { type: 'string' },
    dir: { type: 'string', default: join(tmpdir(), 'rampart-bench-ingest') },
  },
});
const BIN = fileURLToPath(new URL('../bin/rampart.js', import.meta.url));
const sizes = values.sizes.split(',').map(Number);
mkdirSync(values.dir, { recursive: true });
const pinned = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
if (spawnSync('npm', ['run', 'build'], { stdio: 'ignore' }).status !== 0) throw new Error('npm run build failed');

interface Outcome {
  wallS: number;
  peakRssMiB: number;
  inserted: number;
}

/** Runs the CLI under GNU time for its peak RSS; the import's own JSON says what it stored. */
function importFile(file: string, db: string): Promise<Outcome> {
  // The bin's own shebang (and its Node flags) starts it, as for a user.
  const cli = [BIN, 'import', 'asff', file, '--db', db, '--json'];
  const argv = ['-f', 'peak-rss-kb=%M', ...(pinned ? ['taskset', '-c', '0'] : []), ...cli];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const wallS = (performance.now() - started) / 1000;
      const rss = /peak-rss-kb=(\d+)/.exec(stderr);
      if (code !== 0 || !rss) return reject(new Error(`import failed (${code}): ${stderr.slice(-500)}`));
      const out = JSON.parse(stdout) as { summary: { inserted: number } };
      resolve({ wallS, peakRssMiB: Number(rss[1]) / 1024, inserted: out.summary.inserted });
    });
  });
}

async function freshPostgres(size: number): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `rampart_bench_${size}_${process.pid}`;
  const url = new URL(values.pg);
  url.searchParams.set('schema', schema);
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: values.pg });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
}

console.log(`ingest benchmark: rampart import asff, generated findings (controls, GuardDuty, Inspector, Prowler), ${pinned ? 'importer pinned to one core' : 'not pinned (no taskset)'}`);
console.log('db        findings   file MiB  wall s   findings/s  peak RSS MiB');
for (const size of sizes) {
  const file = join(values.dir, `findings-${size}.json`);
  if (!existsSync(file)) await writeAsffFile(file, size, 1000, '2026-11-20T00:00:00.000Z');
  const fileMiB = statSync(file).size / 2 ** 20;
  for (const db of ['sqlite', 'postgres']) {
    if (values.only && values.only !== db) continue;
    let location: string;
    let cleanup: () => Promise<void>;
    if (db === 'sqlite') {
      location = join(values.dir, `ingest-${size}.db`);
      for (const suffix of ['', '-wal', '-shm']) rmSync(location + suffix, { force: true });
      cleanup = async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(location + suffix, { force: true });
      };
    } else {
      const target = await freshPostgres(size);
      location = target.url;
      cleanup = target.drop;
    }
    try {
      const r = await importFile(file, location);
      if (r.inserted !== size) console.log(`  note: ${r.inserted} new findings stored of ${size} generated`);
      console.log(
        [db.padEnd(8), String(size).padEnd(9), fileMiB.toFixed(0).padEnd(8), r.wallS.toFixed(1).padEnd(7), (size / r.wallS).toFixed(0).padEnd(11), r.peakRssMiB.toFixed(0)].join('  '),
      );
    } finally {
      await cleanup();
    }
  }
}
