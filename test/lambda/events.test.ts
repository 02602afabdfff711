import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.ts';
import { event, guardDutyPortProbe } from '../hub/fixtures.ts';

describe('Lambda target for EventBridge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-lambda-'));
  const db = join(dir, 'lambda.db');
  process.env.RAMPART_DB = db;
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stores the event the rule delivers, like POST /events, and a redelivery changes nothing', async () => {
    const { handler } = await import('../../src/lambda/events.ts');
    const gd = event('aws.guardduty', 'GuardDuty Finding', guardDutyPortProbe());
    assert.deepEqual(await handler(gd), { accepted: 1, findings: 1 });
    assert.deepEqual(await handler(gd), { accepted: 1, findings: 1 });
    const store = await openStore(db);
    try {
      const findings = await store.findings({});
      assert.equal(findings.length, 1);
      assert.equal(findings[0]?.origin, 'eventbridge');
      assert.equal((await store.findingHistory(findings[0]!.id)).length, 1);
    } finally {
      await store.close();
    }
  });

  it('throws with the reason for an event it refuses, so EventBridge keeps it in its dead-letter queue', async () => {
    const { handler } = await import('../../src/lambda/events.ts');
    await assert.rejects(handler(event('aws.guardduty', 'GuardDuty Runtime Protection Unhealthy', {})), /rejected 1 event\(s\): event 0: detail-type/);
  });
});
