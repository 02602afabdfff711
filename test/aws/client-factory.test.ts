import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
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
