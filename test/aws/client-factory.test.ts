import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { BatchImportFindingsCommand, GetFindingsCommand, ListFindingAggregatorsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { HttpHandler } from '@smithy/core/protocols';
import { ClientFactory } from '../../src/aws/client-factory.ts';
import { emulatorHttpHandler, type Fault } from '../support/emulator/index.ts';
import { sampleOrganization } from '../../src/sample/index.ts';

const sample = sampleOrganization();
const creds = async () => ({ accessKeyId: 'AKIDFACTORY', secretAccessKey: 'not-a-secret' });
const noDelay = { computeNextBackoffDelay: () => 0, setDelayBase: () => {} };

function emulator(faults: Fault[] = [], latencyMs = 0) {
  return emulatorHttpHandler(
    { callerAccountId: '111111111111', roleName: 'R', organization: sample.organization, regions: sample.regions, inventory: sample.inventory, faults },
    { latencyMs },
  );
}

/** Wraps a handler to record the most requests that were on the wire at once, per account. */
function measured(inner: HttpHandler) {
  const active = new Map<string, number>();
  const peak = new Map<string, number>();
  let total = 0;
  let peakTotal = 0;
  const handler: HttpHandler = {
    async handle(request, options) {
      const who = String(request.headers.authorization ?? '').includes('us-east-1') ? 'us-east-1' : 'other';
      active.set(who, (active.get(who) ?? 0) + 1);
      peak.set(who, Math.max(peak.get(who) ?? 0, active.get(who)!));
      peakTotal = Math.max(peakTotal, ++total);
      try {
        return await inner.handle(request, options);
      } finally {
        active.set(who, active.get(who)! - 1);
        total--;
      }
    },
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
  };
  return { handler, peak, peakTotal: () => peakTotal };
}

test('throttling is retried up to maxThrottledAttempts; other retryable errors only up to maxAttempts', async () => {
  const em = emulator([
    { region: 'us-east-1', operation: 'GetEbsEncryptionByDefault', code: 'RequestLimitExceeded', httpStatus: 503, times: 6 },
    { region: 'eu-west-1', operation: 'GetEbsEncryptionByDefault', code: 'InternalError', httpStatus: 500 },
  ]);
  const factory = await ClientFactory.create(
    { concurrency: 8, perServiceConcurrency: 2, requestHandler: em, retry: { maxAttempts: 3, maxThrottledAttempts: 8, backoff: noDelay } },
    () => creds,
    'us-east-1',
  );
  const ok = await factory.client(EC2Client, '111111111111', 'us-east-1').send(new GetEbsEncryptionByDefaultCommand({}));
  assert.equal(typeof ok.EbsEncryptionByDefault, 'boolean');
  assert.equal(em.calls.count({ region: 'us-east-1', operation: 'GetEbsEncryptionByDefault' }), 7, '6 throttled attempts, then success');

  await assert.rejects(factory.client(EC2Client, '111111111111', 'eu-west-1').send(new GetEbsEncryptionByDefaultCommand({})), { name: 'InternalError' });
  assert.equal(em.calls.count({ region: 'eu-west-1', operation: 'GetEbsEncryptionByDefault' }), 3);
  assert.equal(factory.stats.attempts, 10);
  factory.destroy();
});

test('one client per (account, region, service), each with its own cap, under the scan-wide cap', async () => {
  const m = measured(emulator([], 5));
  const factory = await ClientFactory.create({ concurrency: 6, perServiceConcurrency: 2, requestHandler: m.handler }, () => creds, 'us-east-1');
  const a = factory.client(EC2Client, '111111111111', 'us-east-1');
  assert.equal(factory.client(EC2Client, '111111111111', 'us-east-1'), a, 'clients are reused');
  assert.notEqual(factory.client(EC2Client, '222222222222', 'us-east-1'), a);

  const busy = Array.from({ length: 20 }, () => a.send(new GetEbsEncryptionByDefaultCommand({})));
  const others = ['eu-west-1', 'ap-northeast-1'].flatMap((r) =>
    Array.from({ length: 6 }, () => factory.client(EC2Client, '111111111111', r).send(new GetEbsEncryptionByDefaultCommand({}))),
  );
  await Promise.all([...busy, ...others]);
  assert.equal(m.peak.get('us-east-1'), 2, 'the busy client never had more than its own cap on the wire');
  assert.ok(m.peakTotal() <= 6, `scan-wide cap exceeded: ${m.peakTotal()}`);
  assert.ok(m.peakTotal() > 2, 'other regions ran alongside the busy one');
  factory.destroy();
});

test('Security Hub GetFindings keeps to 3 requests/s with a burst of 6 per account and region; other operations have their own bucket', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const em = emulator();
  const factory = await ClientFactory.create({ concurrency: 64, perServiceConcurrency: 64, requestHandler: em }, () => creds, 'us-east-1');
  const hub = (account: string, region: string) => factory.client(SecurityHubClient, account, region);
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  const sent = (selector: { accountId?: string; region?: string; operation: string }) => em.calls.count({ service: 'securityhub', ...selector });

  const pending = Array.from({ length: 20 }, () => hub('111111111111', 'us-east-1').send(new GetFindingsCommand({})).catch(() => undefined));
  const others = [
    ...Array.from({ length: 6 }, () => hub('111111111111', 'eu-west-1').send(new GetFindingsCommand({})).catch(() => undefined)),
    ...Array.from({ length: 10 }, () => hub('111111111111', 'us-east-1').send(new ListFindingAggregatorsCommand({})).catch(() => undefined)),
  ];
  await settle();
  assert.equal(sent({ region: 'us-east-1', operation: 'GetFindings' }), 6, 'the burst goes at once');
  assert.equal(sent({ region: 'eu-west-1', operation: 'GetFindings' }), 6, 'another region has its own bucket');
  assert.equal(sent({ operation: 'ListFindingAggregators' }), 10, 'other operations are not held by the GetFindings bucket');
  await Promise.all(others);

  for (const [ms, expected] of [[1000, 9], [1000, 12], [500, 13], [500, 15]] as const) {
    t.mock.timers.tick(ms);
    await settle();
    assert.equal(sent({ region: 'us-east-1', operation: 'GetFindings' }), expected, `after ${ms} ms more`);
  }
  t.mock.timers.tick(5000);
  await settle();
  await Promise.all(pending);
  assert.equal(sent({ region: 'us-east-1', operation: 'GetFindings' }), 20);
  factory.destroy();
});

test('Security Hub BatchImportFindings keeps to 10 requests/s with a burst of 30 per account and region', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const em = emulator();
  const factory = await ClientFactory.create({ concurrency: 64, perServiceConcurrency: 64, requestHandler: em }, () => creds, 'us-east-1');
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  const client = factory.client(SecurityHubClient, '111111111111', 'eu-west-1');
  const pending = Array.from({ length: 40 }, () => client.send(new BatchImportFindingsCommand({ Findings: [] })).catch(() => undefined));
  await settle();
  assert.equal(em.calls.count({ operation: 'BatchImportFindings' }), 30);
  t.mock.timers.tick(500);
  await settle();
  assert.equal(em.calls.count({ operation: 'BatchImportFindings' }), 35);
  t.mock.timers.tick(500);
  await settle();
  assert.equal(em.calls.count({ operation: 'BatchImportFindings' }), 40);
  await Promise.all(pending);
  factory.destroy();
});
