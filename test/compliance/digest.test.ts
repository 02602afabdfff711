import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { loadChecks } from '../../src/checks/registry.ts';
import { controlsInForce } from '../../src/compliance/compute.ts';
import { NoDigestData, readDigest, type Digest } from '../../src/compliance/digest.ts';
import { digestEmail, digestSlack, digestText } from '../../src/compliance/digest-message.ts';
import { policySchema } from '../../src/policy/schema.ts';
import { openStore } from '../../src/store/index.ts';
import { backends } from '../store/support.ts';
import { A, B, C, C14, C18, C19, C211, EXCEPTIONS, T14, T18, T19, T211, WEEKLY_TEXT, seed } from './digest-world.ts';

const policy = policySchema.parse({ exceptions: EXCEPTIONS });
const controls = controlsInForce(policy, await loadChecks());

const prod = { id: A, name: 'prod <main>', ouPath: 'Root/Workloads/Prod' };
const payments = { id: B, name: 'payments', ouPath: 'Root/Workloads/Payments' };
const sandbox = { id: C, name: 'sandbox', ouPath: 'Root/Sandbox' };

/** The weekly digest of 2026-11-30 with no digest before it: compared with the week's start. */
const WEEKLY: Digest = {
  period: 'weekly',
  recipient: 'security-team',
  day: '2026-11-30',
  organization: { compliant: 8, nonCompliant: 3, rate: 8 / 11 },
  baseline: { day: '2026-11-23', lastDigest: false, judgedDay: '2026-11-23', rate: 7 / 12 },
  change: 8 / 11 - 7 / 12,
  judgedAccounts: 3,
  missing: [sandbox],
  worst: [
    { ...prod, rate: { compliant: 2, nonCompliant: 2, rate: 0.5 }, previousRate: 0.25 },
    { ...payments, rate: { compliant: 2, nonCompliant: 1, rate: 2 / 3 }, previousRate: 2 / 3 },
  ],
  newFailures: [
    { account: prod, control: C19, title: T19, regions: ['global'], status: 'compliant' },
    { account: payments, control: C18, title: T18, regions: ['global'], status: 'excepted' },
  ],
  // C's failure on 11-23 is not resolved: C has no data today.
  resolved: [
    { account: prod, control: C14, title: T14, regions: ['global'], status: 'compliant' },
    { account: prod, control: C211, title: T211, regions: ['us-east-1'], status: 'compliant' },
    { account: payments, control: C19, title: T19, regions: ['global'], status: 'excepted' },
  ],
  // Exception #3 expires in 15 days and #4 has expired: neither is listed.
  expiring: [
    { number: 1, control: C19, appliesTo: `account ${B}`, reason: 'payments rewrite <Q1>', approver: 'ciso@example.com', expires: '2026-12-10', daysLeft: 10 },
    { number: 2, control: C211, appliesTo: 'all accounts', resource: 'arn:aws:s3:::legacy-*', reason: 'legacy log buckets', approver: 'cto@example.com', expires: '2026-12-14', daysLeft: 14 },
  ],
  escalated: [
    { ...prod, tier: 2, tierDays: 21, controls: 2, longest: { control: C18, days: 23, since: '2026-11-08' } },
    { ...sandbox, tier: 1, tierDays: 7, controls: 1, longest: { control: C18, days: 14, since: '2026-11-10' } },
  ],
};

for (const backend of backends()) {
  describe(`digest content on ${backend.name}`, () => {
    after(() => backend.cleanup());

    it('rate and change, worst accounts, new failures, resolved, expiring exceptions and escalations', async () => {
      const store = await openStore(backend.fresh());
      try {
        await seed(store);
        const d = await readDigest(store, { period: 'weekly', recipient: 'security-team', day: '2026-11-30', policy, controls });
        assert.deepEqual(d, WEEKLY);
        assert.equal(digestText(d), WEEKLY_TEXT);
        const few = await readDigest(store, { period: 'weekly', recipient: 'security-team', day: '2026-11-30', policy: policySchema.parse({ digest: { worst_accounts: 1 } }), controls });
        assert.deepEqual(few.worst.map((w) => w.id), [A]);
        assert.deepEqual(few.expiring, []);
      } finally {
        await store.close();
      }
    });

    it('compares with the last digest to the same recipient and period, at the rate it reported', async () => {
      const store = await openStore(backend.fresh());
      try {
        await seed(store);
        await store.digests.record({ id: 'w1', period: 'weekly', recipient: 'security-team', day: '2026-11-24', sentAt: '2026-11-24T08:00:00.000Z', orgRate: 0.5, summary: { any: 'thing' } });
        // Neither another recipient's nor another period's digest counts, nor one of a later day.
        await store.digests.record({ id: 'o1', period: 'weekly', recipient: 'ciso', day: '2026-11-29', sentAt: '2026-11-29T08:00:00.000Z', orgRate: 0.9, summary: {} });
        await store.digests.record({ id: 'd1', period: 'daily', recipient: 'security-team', day: '2026-11-29', sentAt: '2026-11-29T08:00:00.000Z', orgRate: 0.9, summary: {} });
        await store.digests.record({ id: 'w2', period: 'weekly', recipient: 'security-team', day: '2026-12-01', sentAt: '2026-12-01T08:00:00.000Z', orgRate: 0.1, summary: {} });
        const d = await readDigest(store, { period: 'weekly', recipient: 'security-team', day: '2026-11-30', policy, controls });
        assert.deepEqual(d.baseline, { day: '2026-11-24', lastDigest: true, judgedDay: '2026-11-24', rate: 0.5 });
        assert.equal(d.change, 8 / 11 - 0.5);
        // On 11-24 only A was judged: B's and D's controls count as new against no data.
        assert.deepEqual(
          d.newFailures.map((f) => `${f.account.id} ${f.control} ${f.status}`),
          [`${B} ${C18} none`],
        );
        assert.deepEqual(d.resolved, []);
        assert.match(digestText(d), /\+22\.7 pts since the last digest on 2026-11-24 \(50\.0%\)\.\n/);
        assert.deepEqual(
          (await store.digests.on('security-team', 'weekly', '2026-11-24')).map((r) => [r.id, r.orgRate, r.summary]),
          [['w1', 0.5, { any: 'thing' }]],
        );
      } finally {
        await store.close();
      }
    });

    it('takes the last judged day when the baseline day has none, and says when there is nothing to compare with', async () => {
      const store = await openStore(backend.fresh());
      try {
        await seed(store);
        const daily = await readDigest(store, { period: 'daily', recipient: 'security-team', day: '2026-11-30', policy, controls });
        assert.deepEqual(daily.baseline, { day: '2026-11-29', lastDigest: false, judgedDay: '2026-11-24', rate: 0 });
        const first = await readDigest(store, { period: 'weekly', recipient: 'security-team', day: '2026-11-08', policy, controls });
        assert.equal(first.baseline, undefined);
        assert.equal(first.change, null);
        assert.deepEqual([first.newFailures, first.resolved], [[], []]);
        assert.match(digestText(first), /^Organization: 0\.0% compliant \(0 of 1 account-controls\); no earlier judged day to compare with\.$/m);
        assert.match(digestText(first), /^New failures: no earlier judged day to compare with$/m);
        await assert.rejects(
          readDigest(store, { period: 'weekly', recipient: 'security-team', day: '2026-11-29', policy, controls }),
          (err: Error) => err instanceof NoDigestData && err.message === 'no compliance judged on 2026-11-29 (the last judged day is 2026-11-24; pass --as-of 2026-11-24 for it): a scan or import judges its day, or run rampart compliance',
        );
      } finally {
        await store.close();
      }
    });
  });
}

describe('digest messages', () => {
  it('escapes account names and policy text in HTML and Slack mrkdwn', () => {
    const email = digestEmail(WEEKLY, 'k1', ['security@example.com']);
    assert.equal(email.subject, '[Rampart] Weekly compliance digest 2026-11-30: 72.7% (+14.4 pts)');
    assert.deepEqual(email.to, ['security@example.com']);
    assert.equal(email.text, WEEKLY_TEXT);
    assert.match(email.html, /<li>222222222222 \(prod &lt;main&gt;\), Root\/Workloads\/Prod: 50\.0% \(2 of 4 compliant\), \+25\.0 pts<\/li>/);
    assert.match(email.html, /payments rewrite &lt;Q1&gt;/);
    assert.doesNotMatch(email.html, /<main>|<Q1>/);

    const { payload } = digestSlack(WEEKLY) as { payload: { text: string; blocks: { type: string; text?: { text: string } }[] } };
    assert.equal(payload.text, '[Rampart] Weekly compliance digest 2026-11-30: 72.7% (+14.4 pts)');
    assert.deepEqual(payload.blocks.map((b) => b.type), ['header', 'section', 'section', 'section', 'section', 'section', 'section', 'context']);
    assert.equal(payload.blocks[0]!.text!.text, 'Weekly compliance digest 2026-11-30: 72.7% (+14.4 pts)');
    assert.equal(
      payload.blocks[1]!.text!.text,
      '*Organization: 72.7% compliant (8 of 11 account-controls), +14.4 pts since 2026-11-23 (58.3%).*\n3 accounts judged on 2026-11-30; no data for 1: 444444444444 (sandbox).',
    );
    assert.equal(
      payload.blocks[2]!.text!.text,
      '*Worst accounts* (2)\n• 222222222222 (prod &lt;main&gt;), Root/Workloads/Prod: 50.0% (2 of 4 compliant), +25.0 pts\n• 333333333333 (payments), Root/Workloads/Payments: 66.7% (2 of 3 compliant), no change',
    );
    assert.match(payload.blocks[5]!.text!.text, /payments rewrite &lt;Q1&gt;/);
    assert.doesNotMatch(JSON.stringify(payload), /<main>|<Q1>/);
  });

  it('keeps a long list within what Slack takes and counts the rest', () => {
    const many = { ...WEEKLY, newFailures: Array.from({ length: 300 }, (_, i) => ({ ...WEEKLY.newFailures[0]!, control: `cis-aws-3.0.0/1.${i}` })) };
    const { payload } = digestSlack(many) as { payload: { blocks: { text?: { text: string } }[] } };
    const section = payload.blocks[3]!.text!.text;
    assert.ok(section.length <= 3000, `${section.length}`);
    assert.match(section, /^\*New failures since 2026-11-23\* \(300\)\n/);
    assert.match(section, /\n… and \d+ more$/);
    const text = digestText(many);
    assert.match(text, /\n- … and 200 more \(rampart compliance --as-of 2026-11-30 shows them all\)\n/);
  });
});
