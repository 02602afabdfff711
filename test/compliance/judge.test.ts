import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadChecks } from '../../src/checks/registry.ts';
import { controlsInForce } from '../../src/compliance/compute.ts';
import { DayJudge } from '../../src/compliance/daily.ts';
import type { DailyRow } from '../../src/compliance/types.ts';
import type { Status } from '../../src/findings/model.ts';
import { policySchema } from '../../src/policy/schema.ts';
import type { JudgeableFinding } from '../../src/store/compliance.ts';
import { openStore } from '../../src/store/index.ts';
import { backends } from '../store/support.ts';

const A = '666666666666';
const DAY = '2026-11-20';
const CONTROL = 'cis-aws-3.0.0/2.1.1';
const exception = (resource: string, regions?: string[]) => ({
  control: CONTROL,
  accounts: [A],
  resource,
  ...(regions ? { regions } : {}),
  reason: 'migration',
  approver: 'ciso@example.com',
  approved: '2026-11-01',
  expires: '2026-12-31',
});

const bucket = (name: string, region: string, status: Status = 'FAIL'): JudgeableFinding => ({
  accountId: A,
  source: 'rampart',
  checkId: 's3_bucket_denies_http',
  framework: 'cis-aws-3.0.0',
  requirements: ['2.1.1'],
  region,
  resourceId: `arn:aws:s3:::${name}`,
  status,
});

describe('a day judged with several exceptions on one control', () => {
  it('counts what each exception covered, in the regions in scope only', async () => {
    const policy = policySchema.parse({
      home_regions: ['eu-west-1'],
      controls: { scope: { [CONTROL]: 'home' } },
      exceptions: [exception('arn:aws:s3:::legacy-*'), exception('arn:aws:s3:::tmp-*'), exception('arn:aws:s3:::other-*')],
    });
    const judge = new DayJudge({ day: DAY, policy, controls: controlsInForce(policy, await loadChecks()), accounts: new Map() });
    judge.add([
      bucket('legacy-a', 'eu-west-1'),
      bucket('legacy-b', 'eu-west-1'),
      bucket('tmp-a', 'eu-west-1'),
      bucket('fine', 'eu-west-1', 'PASS'),
      // Outside the home region: covered there, but not part of the row.
      bucket('other-a', 'us-east-1'),
      bucket('legacy-c', 'us-east-1'),
    ]);
    const [row] = judge.takeRows();
    assert.equal(row?.status, 'excepted');
    assert.equal(row.excepted, 3);
    assert.deepEqual(row.detail, { exceptions: [0, 1], covered: [2, 1] });
  });
});

for (const backend of backends()) {
  describe(`findings covered per exception on ${backend.name}`, () => {
    after(() => backend.cleanup());

    it("sums each exception's own count across rows, never the row's total for each", async () => {
      const store = await openStore(backend.fresh());
      try {
        const row = (control: string, excepted: number, detail: DailyRow['detail']): DailyRow => ({ day: DAY, accountId: A, control, framework: 'c', section: 'c', status: 'excepted', regions: [], failing: 0, excepted, ...(detail ? { detail } : {}) });
        await store.compliance.writeDaily(DAY, [A], [row('c/1', 3, { exceptions: [0, 1], covered: [2, 1] }), row('c/2', 4, { exceptions: [1], covered: [4] })], new Date(`${DAY}T06:00:00.000Z`));
        assert.deepEqual([...(await store.dashboard.exceptedByException(DAY))].sort(), [
          [0, 2],
          [1, 5],
        ]);
      } finally {
        await store.close();
      }
    });
  });
}
