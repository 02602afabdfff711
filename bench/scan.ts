// Benchmark: a full scan of a synthetic organization against SDK clients that answer every call
// after a fixed latency. The emulator is the clients' request handler: signing, serialization and
// parsing all run, only the sockets are left out (over loopback HTTP the socket work and connection
// races cost more CPU than the emulator itself). Not part of the test command.
//
//   node --expose-gc bench/scan.ts [--accounts 50,200] [--regions 16] [--latency 20] [--concurrency 64]
import { parseArgs } from 'node:util';
import { loadChecks } from '../src/checks/registry.ts';
import { DEFAULT_CHECK_OPTIONS } from '../src/checks/types.ts';
import { COLLECTORS } from '../src/collect/registry.ts';
import cis300 from '../src/frameworks/cis-aws-3.0.0.ts';
import { generateOrganization } from '../src/sample/index.ts';
import { runScan } from '../src/scan/run.ts';
import { emulatorHttpHandler } from '../test/support/emulator/index.ts';

const ALL_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1',
  'eu-north-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'ca-central-1', 'sa-east-1',
];

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '50,200' },
    regions: { type: 'string', default: '16' },
    latency: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '64' },
    'account-concurrency': { type: 'string', default: '8' },
  },
});
const sizes = values.accounts.split(',').map(Number);
const latencyMs = Number(values.latency);
const concurrency = Number(values.concurrency);
const accountConcurrency = Number(values['account-concurrency']);
const regions = ALL_REGIONS.slice(0, Number(values.regions));
const checks = await loadChecks();
const mib = (b: number) => (b / 1024 / 1024).toFixed(0);

console.log(`scan benchmark: ${regions.length} regions, ${latencyMs} ms per call, concurrency ${concurrency}, ${accountConcurrency} accounts at a time, framework ${cis300.id}`);
console.log('accounts  acct-regions  calls    calls/acct-region  wall s  ideal s  wall/ideal  calls/s  CPU s  peak RSS MiB  peak heap MiB  live heap MiB  findings');

for (const accounts of sizes) {
  const org = generateOrganization({ accounts, regions, seed: 7, collectedAt: '2026-11-20T06:00:00.000Z' });
  const handler = emulatorHttpHandler(
    { callerAccountId: org.inventory.accounts[0]!.accountId, roleName: 'RampartAudit', organization: org.organization, regions: org.regions, inventory: org.inventory },
    { latencyMs, pageSize: 100 },
  );
  // The emulator's world (every account's inventory) lives in this process and counts in its memory.
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    handler.calls.clear();
  }, 100);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const outcome = await runScan({
    framework: cis300,
    checks,
    collectors: COLLECTORS,
    target: { kind: 'org' },
    regions: {},
    role: { roleName: 'RampartAudit', sessionSeconds: 3600 },
    requestHandler: handler,
    // Never contacted (the handler answers); it makes S3 use path-style URLs the emulator routes.
    endpointUrl: 'http://emulator.invalid',
    concurrency,
    accountConcurrency,
    perServiceConcurrency: 5,
    now: new Date('2026-11-20T06:00:00.000Z'),
    checkOptions: DEFAULT_CHECK_OPTIONS,
    homeRegion: 'us-east-1',
    partition: 'aws',
    baseCredentials: async () => ({ accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-not-a-secret' }),
  });
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  const errors = outcome.findings.filter((f) => f.status === 'ERROR').length;
  if (errors > 0) console.log(`  note: ${errors} ERROR results (the synthetic org plants a few; many more means the emulator could not answer)`);
  global.gc?.();
  const liveHeap = process.memoryUsage().heapUsed;
  const accountRegions = outcome.scan.accounts.length * regions.length;
  const calls = outcome.apiCalls;
  const ideal = (calls * latencyMs) / 1000 / concurrency;
  console.log(
    [
      String(outcome.scan.accounts.length).padEnd(8),
      String(accountRegions).padEnd(12),
      String(calls).padEnd(7),
      (calls / accountRegions).toFixed(1).padEnd(17),
      wall.toFixed(1).padEnd(6),
      ideal.toFixed(1).padEnd(7),
      (wall / ideal).toFixed(2).padEnd(10),
      (calls / wall).toFixed(0).padEnd(7),
      ((cpu.user + cpu.system) / 1e6).toFixed(1).padEnd(5),
      mib(peakRss).padEnd(12),
      mib(peakHeap).padEnd(13),
      mib(liveHeap).padEnd(13),
      outcome.findings.length,
    ].join('  '),
  );
}
