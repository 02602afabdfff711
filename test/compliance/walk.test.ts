import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadChecks } from '../../src/checks/registry.ts';
import { computeDay, controlsInForce } from '../../src/compliance/compute.ts';
import { planEscalations, sentRecords } from '../../src/compliance/escalate.ts';
import type { Finding, Status } from '../../src/findings/model.ts';
import { owners, type Policy } from '../../src/policy/load.ts';
import { policySchema } from '../../src/policy/schema.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { backends, finding, scan } from '../store/support.ts';

// One account walked through 25 days of scans (2026-11-01 … 11-25; no scan on day 15):
//  C1 cis-aws-3.0.0/1.8  fails every day                 → tier 1 on day 7, tier 2 on day 21
//  C2 cis-aws-3.0.0/1.9  fails, passes on day 10, fails   → tier 1 on day 7, reset, tier 1 again on day 17
//  C3 cis-aws-3.0.0/2.1.1 fails, excepted until day 12    → streak from day 12, tier 1 on day 18

const A = '222222222222';
const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;
const at = (n: number) => `${day(n)}T06:00:00.000Z`;

const policy: Policy = {
  config: policySchema.parse({
    exceptions: [
      {
        control: 'cis-aws-3.0.0/2.1.1',
        accounts: [A],
        resource: 'arn:aws:s3:::legacy-*',
        reason: 'legacy log bucket, migration in progress',
        approver: 'ciso@example.com',
        approved: '2026-10-15',
        expires: day(12),
      },
    ],
    owners: {
      accounts: { [A]: { owners: [{ email: 'owner@example.com' }], manager: { email: 'manager@example.com' } } },
      security_team: { email: 'security@example.com' },
    },
  }),
};

function findingsOf(n: number): Finding[] {
  const c2: Status = n === 10 ? 'PASS' : 'FAIL';
  return [
    finding({ checkId: 'iam_password_policy_min_length_14', accountId: A, region: 'global', resourceId: `arn:aws:iam::${A}:root`, requirements: ['1.8'], status: 'FAIL', observedAt: at(n) }),
    finding({ checkId: 'iam_password_policy_reuse_24', accountId: A, region: 'global', resourceId: `arn:aws:iam::${A}:root`, requirements: ['1.9'], status: c2, observedAt: at(n) }),
    finding({ checkId: 's3_bucket_denies_http', accountId: A, region: 'us-east-1', resourceId: 'arn:aws:s3:::legacy-logs', resourceType: 'AwsS3Bucket', requirements: ['2.1.1'], status: 'FAIL', observedAt: at(n) }),
  ];
}

async function walk(store: Store) {
  const checks = await loadChecks();
  const controls = controlsInForce(policy.config, checks);
  const sentOn = new Map<number, string[]>();
  const statusOn = new Map<number, Map<string, string>>();
  for (let n = 1; n <= 25; n++) {
    if (n !== 15) await store.recordScan(scan(`s${n}`, at(n), { accounts: [A] }), findingsOf(n), [{ id: A, name: 'prod' }]);
    const { rows } = await computeDay(store, policy.config, checks, day(n), new Date(at(n)));
    statusOn.set(n, new Map(rows.map((r) => [r.control, r.status])));
    const streaks = await store.compliance.readStreaks(day(n));
    const plan = planEscalations({
      day: day(n),
      policy: policy.config,
      streaks,
      rows,
      sent: await store.compliance.sentEscalations(streaks),
      controls,
      owners: owners(policy, await store.accounts()),
      accounts: await store.accounts(),
    });
    sentOn.set(n, plan.escalations.map((e) => `tier ${e.tier} → ${e.recipients.map((c) => c.email).join('+')}: ${e.controls.map((c) => `${c.control.split('/')[1]}(${c.days}d)`).join(' ')}`));
    for (const e of plan.escalations) await store.compliance.recordEscalations(sentRecords(e, at(n)));
  }
  return { sentOn, statusOn };
}

for (const backend of backends()) {
  describe(`25 days of compliance on ${backend.name}`, () => {
    after(() => backend.cleanup());

    it('escalates on day 7 and day 21, resets on day 10, restarts after an exception expires, each tier once per streak', async () => {
      const store = await openStore(backend.fresh());
      try {
        const { sentOn, statusOn } = await walk(store);
        const days = [...sentOn].filter(([, e]) => e.length > 0);
        assert.deepEqual(days, [
          [7, ['tier 1 → owner@example.com: 1.8(7d) 1.9(7d)']],
          [17, ['tier 1 → owner@example.com: 1.9(7d)']],
          [18, ['tier 1 → owner@example.com: 2.1.1(7d)']],
          [21, ['tier 2 → owner@example.com+manager@example.com: 1.8(21d)']],
        ]);
        assert.equal(statusOn.get(10)?.get('cis-aws-3.0.0/1.9'), 'compliant');
        assert.equal(statusOn.get(11)?.get('cis-aws-3.0.0/2.1.1'), 'excepted');
        assert.equal(statusOn.get(12)?.get('cis-aws-3.0.0/2.1.1'), 'non_compliant');
        assert.equal(statusOn.get(15)?.size, 0, 'no scan on day 15: nothing judged');

        // Day 16: the gap neither breaks nor extends the streak silently; it is listed.
        const streaks = await store.compliance.readStreaks(day(16));
        const c1 = streaks.find((s) => s.control === 'cis-aws-3.0.0/1.8');
        assert.deepEqual(c1 && { start: c1.start, days: c1.days, missing: c1.missing }, { start: day(1), days: 16, missing: [day(15)] });

        // The expired exception is named in the day's detail.
        const [c3] = await store.compliance.readDaily({ day: day(12), accountId: [A] }).then((r) => r.filter((x) => x.control === 'cis-aws-3.0.0/2.1.1'));
        assert.deepEqual(c3?.detail?.expired, [{ index: 0, expires: day(12) }]);

        // Running the same day again sends nothing new.
        const again = await store.compliance.readStreaks(day(21));
        const sent = await store.compliance.sentEscalations(again);
        const plan = planEscalations({
          day: day(21),
          policy: policy.config,
          streaks: again,
          rows: await store.compliance.readDaily({ day: day(21) }),
          sent,
          controls: controlsInForce(policy.config, await loadChecks()),
          owners: owners(policy, await store.accounts()),
          accounts: await store.accounts(),
        });
        assert.deepEqual(plan.escalations, []);
      } finally {
        await store.close();
      }
    });
  });
}

describe('escalation to an account nobody owns', () => {
  it('goes to the security team and says so; with no security team it is reported, never skipped', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      const other = '333333333333';
      const checks = await loadChecks();
      for (let n = 1; n <= 7; n++) {
        await store.recordScan(scan(`s${n}`, at(n), { accounts: [other] }), [finding({ checkId: 'iam_password_policy_min_length_14', accountId: other, region: 'global', requirements: ['1.8'], observedAt: at(n) })], []);
        await computeDay(store, policy.config, checks, day(n), new Date(at(n)));
      }
      const streaks = await store.compliance.readStreaks(day(7));
      const args = { day: day(7), streaks, rows: [], sent: [], controls: controlsInForce(policy.config, checks), accounts: [] };
      const toTeam = planEscalations({ ...args, policy: policy.config, owners: owners(policy, []) });
      assert.deepEqual(toTeam.escalations.map((e) => [e.accountId, e.noOwner, e.recipients.map((c) => c.email)]), [[other, true, ['security@example.com']]]);
      const nobody: Policy = { config: policySchema.parse({}) };
      const unreachable = planEscalations({ ...args, policy: nobody.config, owners: owners(nobody, []) });
      assert.deepEqual(unreachable.escalations, []);
      assert.deepEqual(unreachable.unreachable, [{ accountId: other, tier: 1, controls: ['cis-aws-3.0.0/1.8'] }]);
    } finally {
      await store.close();
    }
  });
});
