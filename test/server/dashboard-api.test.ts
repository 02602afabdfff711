import { createHmac, randomBytes } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loadChecks } from '../../src/checks/registry.ts';
import { computeDay, controlsInForce } from '../../src/compliance/compute.ts';
import type { Finding } from '../../src/findings/model.ts';
import type { Policy } from '../../src/policy/load.ts';
import { policySchema } from '../../src/policy/schema.ts';
import { createApp } from '../../src/server/app.ts';
import type { AccountDetail, AccountSummary } from '../../src/server/api/accounts.ts';
import type { ExceptionView } from '../../src/server/api/exceptions.ts';
import type { FindingItem } from '../../src/server/api/findings.ts';
import type { HeatCellDetail, Heatmap } from '../../src/server/api/heatmap.ts';
import type { Overview } from '../../src/server/api/overview.ts';
import { sha256Hex, type DashboardUser, type Principal } from '../../src/server/users.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { backends, finding, scan } from '../store/support.ts';

// Three accounts scanned daily 2026-11-01 … 11-10 (none on 11-05):
//  PROD (Root/Workloads/Prod) passes 1.8 throughout; its 2.1.1 failure is excepted until 11-14.
//  DEV  (Root/Workloads/Dev)  fails 1.8 from 11-03: 8 days by 11-10, escalation tier 1 (7 days).
//  LAB  (no OU)               fails 1.9 on 11-10 only; has a Security Hub and a GuardDuty finding.
const PROD = '111111111111';
const DEV = '222222222222';
const LAB = '333333333333';
const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;
const at = (n: number) => `${day(n)}T06:00:00.000Z`;
const NOW = new Date('2026-11-10T12:00:00Z');

const policy: Policy = {
  config: policySchema.parse({
    exceptions: [
      { control: 'cis-aws-3.0.0/2.1.1', accounts: [PROD, LAB], reason: 'legacy bucket', approver: 'ciso@example.com', approved: '2026-10-01', expires: '2026-11-14' },
      { control: 'cis-aws-3.0.0/1.9', ous: ['Root/Workloads/Dev'], reason: 'old decision', approver: 'ciso@example.com', approved: '2026-09-01', expires: '2026-10-01' },
      { control: 'cis-aws-3.0.0/3.1', accounts: [DEV], reason: 'far future', approver: 'ciso@example.com', approved: '2026-11-01', expires: '2027-06-01' },
    ],
    owners: { accounts: { [PROD]: { owners: [{ email: 'prod-owner@example.com' }], manager: { email: 'vp@example.com' } } } },
  }),
};

const TOKENS = { admin: 'admin-token-0123456789abcdef', viewer: 'viewer-token-0123456789abcdef', owner: 'owner-token-0123456789abcdef' };
const USERS: DashboardUser[] = [
  { user: 'root', role: 'admin', accounts: null, tokenSha256: sha256Hex(TOKENS.admin) },
  { user: 'auditor', role: 'viewer', accounts: null, tokenSha256: sha256Hex(TOKENS.viewer) },
  { user: 'prod-team', role: 'account-owner', accounts: [PROD], tokenSha256: sha256Hex(TOKENS.owner) },
];

function findingsOf(n: number): Finding[] {
  const root = (a: string) => `arn:aws:iam::${a}:root`;
  const out: Finding[] = [
    finding({ checkId: 'iam_password_policy_min_length_14', accountId: PROD, region: 'global', resourceId: root(PROD), requirements: ['1.8'], status: 'PASS', observedAt: at(n), severity: 'medium' }),
    finding({ checkId: 's3_bucket_denies_http', accountId: PROD, region: 'eu-west-1', resourceId: 'arn:aws:s3:::legacy-logs', resourceType: 'AwsS3Bucket', requirements: ['2.1.1'], status: 'FAIL', observedAt: at(n), severity: 'high', title: '=HYPERLINK("http://evil.example") 100%_sure' }),
    finding({ checkId: 'iam_password_policy_min_length_14', accountId: DEV, region: 'global', resourceId: root(DEV), requirements: ['1.8'], status: n >= 3 ? 'FAIL' : 'PASS', observedAt: at(n), severity: 'medium', reason: 'minimum length is 8 <script>alert(1)</script>' }),
    finding({ checkId: 'iam_password_policy_reuse_24', accountId: LAB, region: 'global', resourceId: root(LAB), requirements: ['1.9'], status: n === 10 ? 'FAIL' : 'PASS', observedAt: at(n), severity: 'low' }),
    finding({ checkId: 'ec2_ebs_default_encryption', accountId: LAB, region: 'us-east-1', resourceId: `arn:aws:ec2:us-east-1:${LAB}:volume/default`, resourceType: 'AwsEc2Volume', requirements: ['2.2.1'], status: 'FAIL', observedAt: at(n), severity: 'critical' }),
    finding({ checkId: 'ec2_ebs_default_encryption', accountId: LAB, region: 'ap-northeast-1', resourceId: `arn:aws:ec2:ap-northeast-1:${LAB}:volume/default`, resourceType: 'AwsEc2Volume', requirements: ['2.2.1'], status: 'FAIL', observedAt: at(n), severity: 'critical' }),
  ];
  if (n === 10) {
    out.push(
      finding({ source: 'securityhub', origin: 'securityhub', checkId: 'IAM.6', framework: 'securityhub', requirements: [], accountId: LAB, region: 'global', resourceId: root(LAB), status: 'FAIL', observedAt: at(n), severity: 'critical', title: 'Hardware MFA should be enabled for the root user' }),
      finding({ source: 'guardduty', origin: 'guardduty', checkId: 'Recon:EC2/PortProbeUnprotectedPort', framework: 'guardduty', requirements: [], type: 'Recon:EC2/PortProbeUnprotectedPort', accountId: LAB, region: 'us-east-1', resourceId: 'i-0abc', resourceType: 'AwsEc2Instance', status: 'FAIL', observedAt: at(n), severity: 'medium', title: 'Unprotected port on EC2 instance i-0abc is being probed' }),
    );
  }
  return out;
}

async function seed(store: Store) {
  const checks = await loadChecks();
  const accounts = [
    { id: PROD, name: 'acme-prod', ouPath: 'Root/Workloads/Prod', ouId: 'ou-prod' },
    { id: DEV, name: 'acme-dev', ouPath: 'Root/Workloads/Dev', ouId: 'ou-dev' },
    { id: LAB, name: 'acme-lab' },
  ];
  for (let n = 1; n <= 10; n++) {
    if (n === 5) continue;
    await store.recordScan(scan(`s${n}`, at(n), { accounts: [PROD, DEV, LAB], regions: ['us-east-1', 'eu-west-1', 'ap-northeast-1'], ...(n === 10 ? { errors: [{ accountId: LAB, region: 'ap-northeast-1', code: 'AccessDenied', message: 'config:DescribeConfigurationRecorders denied' }], status: 'partial' } : {}) }), findingsOf(n), accounts);
    await computeDay(store, policy.config, checks, day(n), new Date(at(n)));
  }
  return controlsInForce(policy.config, checks);
}

interface Page {
  total: number;
  items: FindingItem[];
}
interface Groups {
  total: number;
  groups: { key: string; label: string; count: number }[];
}
interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { parameters: { name: string; schema: { enum?: string[] } }[] }>>;
}

for (const backend of backends()) {
  describe(`dashboard API (${backend.name})`, () => {
    let store: Store;
    let app: ReturnType<typeof createApp>;
    let open: ReturnType<typeof createApp>;
    const get = (path: string, token: string | null = TOKENS.admin) => app.request(path, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    const json = async <T = Page>(path: string, token: string | null = TOKENS.admin): Promise<T> => {
      const res = await get(path, token);
      assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
      return (await res.json()) as T;
    };

    before(async () => {
      store = await openStore(backend.fresh());
      const controls = await seed(store);
      const context = { store, policy, controls, now: () => NOW };
      app = createApp({ store, events: { apiKey: undefined, header: 'x-api-key' }, now: () => NOW, dashboard: { context, access: { users: USERS, open: false, now: () => NOW, sessionKey: randomBytes(32) } } });
      open = createApp({ store, events: { apiKey: undefined, header: 'x-api-key' }, now: () => NOW, dashboard: { context, access: { users: [], open: true, now: () => NOW, sessionKey: randomBytes(32) } } });
    });
    after(async () => {
      await store?.close();
      await backend.cleanup();
    });

    it('answers who the caller is, and refuses callers without credentials when users are configured', async () => {
      assert.deepEqual(await json<Principal>('/api/session', TOKENS.owner), { user: 'prod-team', role: 'account-owner', accounts: [PROD] });
      assert.deepEqual(await json<Principal>('/api/session', TOKENS.viewer), { user: 'auditor', role: 'viewer', accounts: null });
      const anonymous = await get('/api/overview', null);
      assert.equal(anonymous.status, 401);
      assert.equal(((await anonymous.json()) as { login: boolean }).login, true);
      assert.equal((await get('/api/overview', 'not-a-token')).status, 401);
      assert.equal(((await (await open.request('/api/session')).json()) as Principal).role, 'admin');
      // Open mode is for this machine only: not a name rebound to 127.0.0.1, not through a proxy.
      assert.equal((await open.request('http://127.0.0.1:8080/api/session')).status, 200);
      assert.equal((await open.request('http://evil.example/api/session')).status, 401);
      assert.equal((await open.request('http://localhost/api/session', { headers: { 'x-forwarded-for': '203.0.113.9' } })).status, 401);
    });

    it('logs in with a token into an HttpOnly session cookie that a tampered copy cannot reuse', async () => {
      const bad = await app.request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'wrong' }) });
      assert.equal(bad.status, 401);
      const res = await app.request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: TOKENS.owner }) });
      assert.equal(res.status, 204);
      const setCookie = res.headers.get('set-cookie') ?? '';
      assert.match(setCookie, /rampart_session=prod-team\.\d+\.[\w-]+;/);
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Strict/);
      const cookie = setCookie.split(';')[0]!;
      const session = await app.request('/api/session', { headers: { cookie } });
      assert.deepEqual(await session.json(), { user: 'prod-team', role: 'account-owner', accounts: [PROD] });
      const forged = cookie.replace('prod-team', 'root');
      assert.equal((await app.request('/api/session', { headers: { cookie: forged } })).status, 401);
      // The users file shows each token's hash: that alone must not sign a session.
      const body = `root.${Math.floor(NOW.getTime() / 1000) + 3600}`;
      const fromHash = `${body}.${createHmac('sha256', sha256Hex(TOKENS.admin)).update(body).digest('base64url')}`;
      assert.equal((await app.request('/api/session', { headers: { cookie: `rampart_session=${fromHash}` } })).status, 401);
      const huge = await app.request('/api/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'x'.repeat(100_000) }) });
      assert.equal(huge.status, 413);
      assert.equal((await app.request('/api/login', { method: 'POST', body: 'token=x' })).status, 400);
    });

    it('overview: rate, trend with missing days, sections, open findings by severity and source, escalations, expiring exceptions', async () => {
      const o = await json<Overview>('/api/overview?days=7');
      assert.equal(o.day, day(10));
      assert.equal(o.framework, 'cis-aws-3.0.0');
      // 11-10: PROD 1.8 compliant, 2.1.1 excepted; DEV 1.8 non-compliant; LAB 1.9 and 2.2.1 non-compliant.
      assert.deepEqual([o.compliant, o.nonCompliant], [1, 3]);
      assert.equal(o.rate, 0.25);
      assert.deepEqual(o.trend.map((t: { day: string }) => t.day), [4, 5, 6, 7, 8, 9, 10].map(day));
      assert.equal(o.trend[1]!.rate, null, 'no scan on 11-05: no data, not zero');
      assert.deepEqual([o.trend[0]!.compliant, o.trend[0]!.nonCompliant], [2, 2]);
      assert.deepEqual(o.openFindings.bySeverity, { critical: 3, high: 1, medium: 2, low: 1, informational: 0 });
      assert.deepEqual(o.openFindings.bySource, { rampart: 5, securityhub: 1, guardduty: 1 });
      assert.deepEqual(o.escalations.map((e) => [e.accountId, e.control, e.days, e.tier]), [[LAB, 'cis-aws-3.0.0/2.2.1', 10, 1], [DEV, 'cis-aws-3.0.0/1.8', 8, 1]]);
      assert.equal(o.escalations[1]!.accountName, 'acme-dev');
      assert.deepEqual(o.expiringExceptions.map((e) => [e.index, e.daysLeft]), [[0, 4]]);
      assert.ok(o.sections.some((s) => s.section === 'Identity and Access Management' && s.nonCompliant === 2));
    });

    it('heat map: accounts grouped by OU, cells with status and streak; a cell opens its failing resources per region', async () => {
      const h = await json<Heatmap>('/api/heatmap');
      assert.deepEqual(h.groups.map((g) => g.ou), ['Root/Workloads/Dev', 'Root/Workloads/Prod', '(no OU)']);
      assert.deepEqual(h.frameworks, ['cis-aws-3.0.0', 'securityhub'], 'Security Hub controls judged from its findings');
      const dev = h.groups[0]!.accounts[0]!;
      assert.equal(dev.id, DEV);
      assert.deepEqual(dev.cells['cis-aws-3.0.0/1.8'], { status: 'non_compliant', streak: 8, failing: 1 });
      assert.equal(h.groups[1]!.accounts[0]!.cells['cis-aws-3.0.0/2.1.1']!.status, 'excepted');
      assert.ok(h.controls.some((c) => c.id === 'cis-aws-3.0.0/1.10'));
      assert.ok(h.controls.findIndex((c) => c.id === 'cis-aws-3.0.0/1.9') < h.controls.findIndex((c) => c.id === 'cis-aws-3.0.0/1.10'), 'numeric order');

      const cell = await json<HeatCellDetail>(`/api/heatmap/cell?account=${LAB}&control=cis-aws-3.0.0/2.2.1`);
      assert.equal(cell.status, 'non_compliant');
      assert.deepEqual(cell.regions.map((r) => [r.region, r.findings.length]), [['ap-northeast-1', 1], ['us-east-1', 1]]);
      assert.equal(cell.regions[0]!.findings[0]!.reason, 'reason of ec2_ebs_default_encryption');
      assert.equal((await get(`/api/heatmap/cell?account=${LAB}&control=cis-aws-3.0.0/9.99`)).status, 404);
    });

    it('findings explorer: filters, free text taken literally, paging without overlap, sorting', async () => {
      const all = await json('/api/findings?limit=500');
      assert.equal(all.total, 7, 'open failing findings by default');
      assert.equal((await json('/api/findings?status=PASS,FAIL&limit=1')).total, 8);
      assert.equal((await json('/api/findings?severity=CRITICAL')).total, 3);
      assert.equal((await json('/api/findings?source=guardduty,securityhub')).total, 2);
      assert.equal((await json('/api/findings?region=global')).total, 3);
      assert.equal((await json('/api/findings?ou=Root/Workloads')).total, 2);
      assert.equal((await json('/api/findings?ou=Root/Work')).total, 0, 'an OU path matches whole OUs only');
      assert.equal((await json('/api/findings?control=cis-aws-3.0.0/2.2.1')).total, 2);
      assert.equal((await json('/api/findings?control=securityhub/IAM.6')).total, 1);
      assert.equal((await json('/api/findings?control=cis-aws-3.0.0/2.2')).total, 0, '2.2 is not 2.2.1');
      assert.equal((await json('/api/findings?type=Recon:EC2/PortProbeUnprotectedPort')).total, 1);
      const probe = (await json('/api/findings?source=guardduty')).items[0]!;
      assert.equal(probe.control, 'Recon:EC2/PortProbeUnprotectedPort');
      assert.equal((await json(`/api/findings?control=${encodeURIComponent(probe.control)}`)).total, 1, 'a check id with a slash is not a framework');
      assert.equal((await json('/api/findings?ou=root/workloads')).total, 0, 'OU paths compare exactly on both databases');
      assert.equal((await json('/api/findings?firstSeenTo=9999-12-31')).total, 7);
      assert.equal((await json('/api/findings?resourceType=AwsEc2Volume')).total, 2);
      assert.equal((await json('/api/findings?q=PROBED')).total, 1, 'case-insensitive');
      assert.equal((await json('/api/findings?q=100%25_sure')).total, 1);
      assert.equal((await json('/api/findings?q=100%25%25')).total, 0, '% is literal');
      assert.equal((await json('/api/findings?firstSeenFrom=2026-11-10')).total, 2, 'the Security Hub and GuardDuty findings');
      assert.equal((await json('/api/findings?firstSeenTo=2026-11-02')).total, 5, 'first seen when first scanned, whatever its status then');

      const pages = [];
      for (let offset = 0; offset < 7; offset += 3) pages.push(...(await json(`/api/findings?limit=3&offset=${offset}`)).items);
      assert.deepEqual(pages.map((f) => f.id).sort(), all.items.map((f) => f.id).sort());
      assert.deepEqual(all.items.map((f) => f.severity), ['critical', 'critical', 'critical', 'high', 'medium', 'medium', 'low']);
      const byAccount = await json('/api/findings?sort=account&order=asc');
      assert.deepEqual(byAccount.items.map((f) => f.accountId), [PROD, DEV, LAB, LAB, LAB, LAB, LAB]);
      assert.equal(all.items.find((f) => f.accountId === DEV)!.control, 'cis-aws-3.0.0/1.8');
    });

    it('groups findings by account, region, control, type and resource with counts', async () => {
      const g = await json<Groups>('/api/findings/groups?groupBy=account');
      assert.deepEqual(g.groups.map((x) => [x.key, x.count]), [[LAB, 5], [PROD, 1], [DEV, 1]]);
      assert.equal(g.groups[0]!.label, `acme-lab (${LAB})`);
      assert.equal(g.total, 3);
      const byControl = await json<Groups>('/api/findings/groups?groupBy=control&severity=critical');
      assert.deepEqual(byControl.groups.map((x) => [x.key, x.count]), [['ec2_ebs_default_encryption', 2], ['IAM.6', 1]]);
      const byType = await json<Groups>('/api/findings/groups?groupBy=type&source=guardduty');
      assert.deepEqual(byType.groups.map((x) => x.key), ['Recon:EC2/PortProbeUnprotectedPort']);
    });

    it('exports the current view as CSV, with untrusted text kept from becoming a formula', async () => {
      const res = await get('/api/findings.csv?account=111111111111');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="rampart-findings-2026-11-10\.csv"/);
      const lines = (await res.text()).trim().split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0]!, /^id,source,control,accountId/);
      assert.match(lines[1]!, /,"'=HYPERLINK\(""http:\/\/evil\.example""\) 100%_sure",/);
    });

    it('account page: owners, trend, open findings, exceptions, escalation history, last scan errors', async () => {
      const a = await json<AccountDetail>(`/api/accounts/${PROD}`);
      assert.deepEqual(a.owners, { owners: [{ email: 'prod-owner@example.com' }], manager: { email: 'vp@example.com' } });
      assert.equal(a.ouPath, 'Root/Workloads/Prod');
      assert.equal(a.trend.length, 90);
      assert.equal(a.trend.at(-1)!.rate, 1);
      assert.equal(a.openFindings.total, 1);
      assert.deepEqual(a.exceptions.map((e) => [e.index, e.covered, e.expired]), [[0, 1, false]]);
      const lab = await json<AccountDetail>(`/api/accounts/${LAB}`);
      assert.equal(lab.owners, null);
      assert.deepEqual(lab.lastScan!.errors, [{ accountId: LAB, region: 'ap-northeast-1', code: 'AccessDenied', message: 'config:DescribeConfigurationRecorders denied' }]);
      assert.equal((await json<AccountDetail>(`/api/accounts/${PROD}`)).lastScan!.errors.length, 0);
      assert.equal((await get('/api/accounts/999999999999')).status, 404);
      const list = await json<{ accounts: AccountSummary[] }>('/api/accounts');
      assert.deepEqual(list.accounts.map((x) => [x.id, x.rate, x.openFindings]), [[PROD, 1, 1], [DEV, 0, 1], [LAB, 0, 5]]);
    });

    it('exceptions: every one with reason, approver, expiry, what it covered; expired ones marked', async () => {
      const { exceptions } = await json<{ exceptions: ExceptionView[] }>('/api/exceptions');
      assert.deepEqual(
        exceptions.map((e) => [e.index, e.scope, e.expired, e.daysLeft, e.covered]),
        [
          [0, `accounts ${PROD}, ${LAB}`, false, 4, 1],
          [1, 'OU Root/Workloads/Dev', true, -40, 0],
          [2, `account ${DEV}`, false, 203, 0],
        ],
      );
      assert.equal(exceptions[0]!.approver, 'ciso@example.com');
    });

    it("an account owner sees only their accounts' data, whatever they ask for", async () => {
      const mine = await json('/api/findings?limit=500', TOKENS.owner);
      assert.deepEqual([...new Set(mine.items.map((f) => f.accountId))], [PROD]);
      assert.equal((await json(`/api/findings?account=${DEV}`, TOKENS.owner)).total, 0);
      assert.equal((await json('/api/findings?q=script', TOKENS.owner)).total, 0);
      assert.equal((await get(`/api/accounts/${DEV}`, TOKENS.owner)).status, 403);
      assert.equal((await get(`/api/heatmap/cell?account=${DEV}&control=cis-aws-3.0.0/1.8`, TOKENS.owner)).status, 403);
      const groups = await json<Groups>('/api/findings/groups?groupBy=account', TOKENS.owner);
      assert.deepEqual(groups.groups.map((g) => g.key), [PROD]);
      const h = await json<Heatmap>('/api/heatmap', TOKENS.owner);
      assert.deepEqual(h.groups.flatMap((g) => g.accounts.map((a) => a.id)), [PROD]);
      const o = await json<Overview>('/api/overview', TOKENS.owner);
      assert.deepEqual(o.openFindings.bySource, { rampart: 1 });
      assert.deepEqual(o.escalations, []);
      assert.deepEqual((await json<{ accounts: AccountSummary[] }>('/api/accounts', TOKENS.owner)).accounts.map((a) => a.id), [PROD]);
      assert.deepEqual((await json<{ exceptions: ExceptionView[] }>('/api/exceptions', TOKENS.owner)).exceptions.map((e) => [e.index, e.scope]), [[0, `account ${PROD} and 1 other`]], 'other accounts are not named');
      const csv = await (await get('/api/findings.csv?status=FAIL,PASS', TOKENS.owner)).text();
      assert.ok(!csv.includes(DEV) && !csv.includes(LAB));
    });

    it('malformed parameters get a 400 naming them, never a 500', async () => {
      const cases: [string, RegExp][] = [
        ['/api/findings?severity=urgent', /severity: unknown value 'urgent'/],
        ['/api/findings?status=', /status: .*give at least one value/],
        ['/api/findings?account=12345', /'12345' is not an account id/],
        ['/api/findings?region=mars-1', /unknown region 'mars-1'/],
        ['/api/findings?limit=0', /limit/],
        ['/api/findings?limit=abc', /limit/],
        ['/api/findings?offset=-1', /offset/],
        ['/api/findings?sort=color', /sort/],
        ['/api/findings?firstSeenFrom=2026-02-30', /firstSeenFrom: not a calendar day/],
        ['/api/findings?firstSeenFrom=2026-13-45', /firstSeenFrom: not a calendar day/],
        ['/api/findings?firstSeenTo=yesterday', /firstSeenTo: expected a day like 2026-12-01/],
        ['/api/findings?firstSeenFrom=2026-11-10&firstSeenTo=2026-11-01', /firstSeenFrom is after firstSeenTo/],
        ['/api/findings?bogus=1', /unknown parameter 'bogus'/],
        ['/api/findings?limit=1&limit=2', /'limit' given more than once/],
        ['/api/findings/groups', /groupBy/],
        ['/api/findings/groups?groupBy=color', /groupBy/],
        ['/api/overview?days=12', /days/],
        ['/api/overview?framework=cis-aws-9', /framework: 'cis-aws-9' is neither in force nor judged/],
        ['/api/heatmap/cell?account=111111111111', /control/],
        ['/api/accounts/abc', /'abc' is not an account id/],
        ['/api/findings.csv?severity=x', /severity/],
        [`/api/findings?q=${'x'.repeat(300)}`, /q:/],
      ];
      for (const [path, reason] of cases) {
        const res = await get(path);
        assert.equal(res.status, 400, path);
        const body = (await res.json()) as { error: string };
        assert.match(body.error, reason, path);
      }
    });

    it('describes every route in OpenAPI, with the parameters the routes validate', async () => {
      const doc = await json<OpenApi>('/api/openapi.json', null);
      assert.equal(doc.openapi, '3.1.0');
      for (const path of ['/api/overview', '/api/heatmap', '/api/heatmap/cell', '/api/findings', '/api/findings/groups', '/api/findings.csv', '/api/accounts', '/api/accounts/{id}', '/api/exceptions', '/api/session', '/api/login']) {
        assert.ok(doc.paths[path], path);
      }
      const params = doc.paths['/api/findings']!.get!.parameters.map((p) => p.name);
      for (const name of ['source', 'severity', 'status', 'account', 'ou', 'region', 'control', 'resourceType', 'type', 'firstSeenFrom', 'firstSeenTo', 'q', 'sort', 'limit', 'offset']) assert.ok(params.includes(name), name);
      assert.deepEqual(doc.paths['/api/findings/groups']!.get!.parameters.find((p) => p.name === 'groupBy')!.schema.enum, ['account', 'region', 'control', 'type', 'resource']);
    });

    it('shows streaks as the stored history says, also after an earlier day is judged again', async () => {
      const before = await json<Overview>('/api/overview');
      assert.ok(before.escalations.some((e) => e.accountId === DEV && e.days === 8));
      // DEV's 1.8 judged compliant on 11-09 after all (say, a late import): its streak is 11-10 only.
      await store.compliance.writeDaily(day(9), [DEV], [{ day: day(9), accountId: DEV, control: 'cis-aws-3.0.0/1.8', framework: 'cis-aws-3.0.0', section: 'Identity and Access Management', status: 'compliant', regions: [], failing: 0, excepted: 0 }], NOW);
      const after = await json<Overview>('/api/overview');
      assert.ok(!after.escalations.some((e) => e.accountId === DEV), 'a one-day streak is below the first tier');
      const h = await json<Heatmap>('/api/heatmap');
      assert.equal(h.groups[0]!.accounts[0]!.cells['cis-aws-3.0.0/1.8']!.streak, 1);
    });

    it('sends a strict Content-Security-Policy and no-sniff on API answers', async () => {
      const res = await get('/api/session');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    });
  });
}
