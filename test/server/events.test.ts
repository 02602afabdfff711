import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/server/app.ts';
import { listen, type RunningServer } from '../../src/server/start.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { ACCOUNT, event, guardDutyPortProbe, guardDutyPortProbeAsff, iamRootMfaControl, ocsfIamRootMfa } from '../hub/fixtures.ts';
import { backends } from '../store/support.ts';

const KEY = 'k3y-for-tests-0123456789';
const NOW = new Date('2026-11-29T10:00:00.000Z');

const securityHub = (findings: unknown[]) => event('aws.securityhub', 'Security Hub Findings - Imported', { findings });
const guardDuty = (finding: unknown) => event('aws.guardduty', 'GuardDuty Finding', finding);

for (const backend of backends()) {
  describe(`POST /events on ${backend.name}`, () => {
    let store: Store;
    let server: RunningServer;
    const post = (body: unknown, headers: Record<string, string> = { 'x-api-key': KEY }) =>
      fetch(`${server.url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    before(async () => {
      store = await openStore(backend.fresh());
      server = await listen(createApp({ store, events: { apiKey: KEY, header: 'x-api-key' }, now: () => NOW }), '127.0.0.1', 0);
    });
    after(async () => {
      await server.close();
      await store.close();
      await backend.cleanup();
    });

    it('refuses a missing or wrong API key and stores nothing', async () => {
      for (const headers of [{}, { 'x-api-key': 'wrong-key-0123456789' }] as Record<string, string>[]) {
        const res = await post(guardDuty(guardDutyPortProbe()), headers);
        assert.equal(res.status, 401);
        assert.match(((await res.json()) as { error: string }).error, /API key in header x-api-key/);
      }
      assert.deepEqual(await store.findings({}), []);
    });

    it('stores a GuardDuty event and a Security Hub event, counted in the day\'s eventbridge run', async () => {
      const res = await post([guardDuty(guardDutyPortProbe()), securityHub([iamRootMfaControl('us-east-1')])]);
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { accepted: 2, findings: 2, rejected: [] });
      const stored = await store.findings({});
      assert.deepEqual(stored.map((f) => [f.source, f.origin, f.accountId]).sort(), [
        ['guardduty', 'eventbridge', ACCOUNT],
        ['securityhub', 'eventbridge', ACCOUNT],
      ]);
      const [run] = await store.scans();
      assert.equal(run?.id, 'eventbridge:2026-11-29');
      assert.equal(run?.source, 'eventbridge');
      assert.equal(run?.counts.FAIL, 2);
    });

    it('is idempotent: a redelivered event, or the same GuardDuty finding through Security Hub, changes nothing', async () => {
      const before = await store.findings({});
      const history = await Promise.all(before.map((f) => store.findingHistory(f.id)));
      for (const body of [guardDuty(guardDutyPortProbe()), securityHub([guardDutyPortProbeAsff()])]) {
        const res = await post(body);
        assert.equal(res.status, 200);
      }
      const after = await store.findings({});
      assert.equal(after.length, before.length);
      assert.deepEqual(await Promise.all(after.map((f) => store.findingHistory(f.id))), history);
    });

    it('keeps a global control raised in several regions as one finding, in ASFF and in OCSF', async () => {
      await post([securityHub([iamRootMfaControl('eu-west-1')]), event('aws.securityhub', 'Findings Imported V2', { findings: [ocsfIamRootMfa('ap-southeast-2')] })]);
      const controls = (await store.findings({ source: 'securityhub' })).filter((f) => f.checkId === 'IAM.6');
      assert.equal(controls.length, 1);
      assert.equal(controls[0]?.region, 'global');
      assert.deepEqual(controls[0]?.regions, ['ap-southeast-2', 'eu-west-1', 'us-east-1']);
    });

    it('rejects a malformed event with its position and reason and never stores it, storing the valid ones', async () => {
      const broken = guardDutyPortProbe({ id: 'ffffffffffffffffffffffffffffffff', arn: 'not-an-arn', accountId: 'twelve' });
      const other = guardDutyPortProbe({ id: 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee', arn: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/d/finding/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee` });
      const count = (await store.findings({})).length;
      const res = await post([guardDuty(broken), event('aws.securityhub', 'Security Hub Insight Results', {}), guardDuty(other)]);
      assert.equal(res.status, 400);
      const body = (await res.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
      assert.equal(body.accepted, 1);
      assert.deepEqual(
        body.rejected.map((r) => r.index),
        [0, 1],
      );
      assert.match(body.rejected[0]!.reason, /accountId/);
      assert.match(body.rejected[1]!.reason, /Security Hub Insight Results/);
      assert.equal((await store.findings({})).length, count + 1);
    });

    it('answers bad bodies with 400/413 and a reason, unknown routes with 404, all with a strict CSP', async () => {
      const notJson = await post('{"version": ');
      assert.equal(notJson.status, 400);
      assert.match(((await notJson.json()) as { error: string }).error, /not JSON/);
      const huge = await post(JSON.stringify({ padding: 'x'.repeat(7 * 1024 * 1024) }));
      assert.equal(huge.status, 413);
      const missing = await fetch(`${server.url}/nowhere`);
      assert.equal(missing.status, 404);
      assert.match(missing.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    });
  });
}

describe('POST /events without a configured key', () => {
  it('is disabled with a reason', async () => {
    const store = await openStore('sqlite::memory:');
    const server = await listen(createApp({ store, events: { apiKey: undefined, header: 'x-api-key' }, now: () => NOW }), '127.0.0.1', 0);
    try {
      const res = await fetch(`${server.url}/events`, { method: 'POST', body: '{}' });
      assert.equal(res.status, 503);
      assert.match(((await res.json()) as { error: string }).error, /RAMPART_EVENTS_API_KEY/);
    } finally {
      await server.close();
      await store.close();
    }
  });
});
