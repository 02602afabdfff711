import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { AccountInventory } from '../../src/collect/inventory.ts';
import { CIS_TOPICS } from '../../src/sample/cis-filters.ts';
import { sampleOrganization } from '../../src/sample/index.ts';
import { assertConsistent, globalData, regionalData } from './consistency.ts';

const sample = sampleOrganization();
const SCANNED = ['ap-northeast-1', 'eu-west-1', 'us-east-1'];

function account(name: string): AccountInventory {
  const a = sample.inventory.accounts.find((x) => x.name === name);
  assert.ok(a, `no account ${name}`);
  return a;
}

const everywhere = <T>(a: AccountInventory, fn: (region: string) => T[]): T[] => a.regions.flatMap(fn);
const openToWorld = (p: { IpRanges?: { CidrIp?: string }[]; Ipv6Ranges?: { CidrIpv6?: string }[] }) =>
  (p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0') || (p.Ipv6Ranges ?? []).some((r) => r.CidrIpv6 === '::/0');
const reaches = (p: { IpProtocol?: string; FromPort?: number; ToPort?: number }, port: number) =>
  p.IpProtocol === '-1' || ((p.FromPort ?? -1) <= port && port <= (p.ToPort ?? -1));

describe('the bundled sample organization', () => {
  it('has the documented accounts', () => {
    assert.deepEqual(sample.organization.accounts.map((a) => [a.Id, a.Name, a.Status]), [
      ['111111111111', 'acme-management', 'ACTIVE'],
      ['222222222222', 'acme-prod', 'ACTIVE'],
      ['333333333333', 'acme-dev', 'ACTIVE'],
      ['444444444444', 'acme-sandbox', 'ACTIVE'],
      ['555555555555', 'acme-legacy', 'SUSPENDED'],
    ]);
    assert.deepEqual(sample.inventory.accounts.map((a) => a.accountId), ['111111111111', '222222222222', '333333333333', '444444444444']);
    assert.equal(sample.inventory.collectedAt, '2026-11-20T06:00:00.000Z');
  });

  it('scans three regions and skips ap-east-1, which is not opted in', () => {
    assert.deepEqual(sample.regions, [
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'ap-northeast-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'ap-east-1', OptInStatus: 'not-opted-in' },
    ]);
    for (const a of sample.inventory.accounts) {
      assert.deepEqual(a.regions, SCANNED);
      assert.deepEqual(a.skippedRegions, [{ region: 'ap-east-1', reason: 'opt-in region not enabled for this account' }]);
    }
  });

  it('is consistent across datasets', () => {
    assertConsistent(sample);
  });

  it('keeps the AccessDenied on acme-dev config recorders in ap-northeast-1 as data', () => {
    const failed = sample.inventory.accounts.flatMap((a) =>
      a.regions.flatMap((r) => {
        const c = a.regional[r]?.['config.recorders'];
        return c && !c.ok ? [{ account: a.name, region: r, code: c.error.code }] : [];
      }),
    );
    assert.deepEqual(failed, [{ account: 'acme-dev', region: 'ap-northeast-1', code: 'AccessDenied' }]);
  });

  it('keeps one acme-sandbox bucket whose ACL could not be read', () => {
    const failed = sample.inventory.accounts.flatMap((a) =>
      globalData(a, 's3.buckets').flatMap((b) => (b.acl.ok ? [] : [{ account: a.name, code: b.acl.error.code }])),
    );
    assert.deepEqual(failed, [{ account: 'acme-sandbox', code: 'AccessDenied' }]);
  });

  it('runs acme-management well', () => {
    const a = account('acme-management');
    const summary = globalData(a, 'iam.accountSummary');
    assert.equal(summary.AccountMFAEnabled, 1);
    assert.equal(summary.AccountAccessKeysPresent, 0);
    assert.ok(!globalData(a, 'iam.virtualMfaDevices').some((d) => d.SerialNumber?.endsWith(':mfa/root-account-mfa-device')), 'root MFA is hardware');
    assert.deepEqual([globalData(a, 'iam.passwordPolicy')?.MinimumPasswordLength, globalData(a, 'iam.passwordPolicy')?.PasswordReusePrevention], [14, 24]);
    const report = globalData(a, 'iam.credentialReport').rows;
    assert.ok(report.every((r) => r.password_enabled !== 'true' || r.mfa_active === 'true'));
    const trails = Object.values(globalData(a, 'cloudtrail.trailDetails'));
    assert.equal(trails.length, 1);
    const trail = trails[0]?.trail;
    assert.ok(trail?.IsMultiRegionTrail && trail.LogFileValidationEnabled && trail.KmsKeyId && trail.CloudWatchLogsLogGroupArn);
    assert.deepEqual(globalData(a, 's3control.publicAccessBlock'), { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
    assert.ok(globalData(a, 's3.buckets').every((b) => b.policy.ok && b.policy.data?.includes('aws:SecureTransport')));
    for (const r of a.regions) {
      const config = regionalData(a, r, 'config.recorders');
      assert.ok(config?.recorders[0]?.recordingGroup?.allSupported && config.statuses[0]?.recording, `config in ${r}`);
      assert.ok(regionalData(a, r, 'accessanalyzer.analyzers')?.some((x) => x.status === 'ACTIVE' && x.type === 'ORGANIZATION'), `analyzer in ${r}`);
      assert.ok(regionalData(a, r, 'securityhub.hub'), `security hub in ${r}`);
      assert.equal(regionalData(a, r, 'ec2.ebsEncryptionByDefault'), true);
      assert.ok(regionalData(a, r, 'ec2.securityGroups')?.filter((g) => g.GroupName === 'default').every((g) => !g.IpPermissions?.length && !g.IpPermissionsEgress?.length));
      const flows = new Set(regionalData(a, r, 'ec2.flowLogs')?.map((f) => f.ResourceId));
      assert.ok(regionalData(a, r, 'ec2.vpcs')?.every((v) => flows.has(v.VpcId)), `flow logs in ${r}`);
      assert.ok(regionalData(a, r, 'ec2.instances')?.every((i) => i.MetadataOptions?.HttpTokens === 'required'));
    }
  });

  it('gives acme-management a complete CIS monitoring chain for all 15 topics', () => {
    const a = account('acme-management');
    const chain = globalData(a, 'monitoring.chain');
    const filters = Object.values(chain.metricFilters).flatMap((c) => (c.ok ? c.data : []));
    const alarms = Object.values(chain.alarms).flatMap((c) => (c.ok ? c.data : []));
    for (const topic of CIS_TOPICS) {
      const filter = filters.find((f) => f.filterPattern !== undefined && topic.good.includes(f.filterPattern));
      assert.ok(filter, `no published pattern for ${topic.item}`);
      const metric = filter.metricTransformations?.[0];
      const alarm = alarms.find(
        (x) =>
          (x.MetricName === metric?.metricName && x.Namespace === metric?.metricNamespace) ||
          x.Metrics?.some((m) => m.MetricStat?.Metric?.MetricName === metric?.metricName && m.MetricStat?.Metric?.Namespace === metric?.metricNamespace),
      );
      assert.ok(alarm, `no alarm for ${topic.item}`);
      const confirmed = (alarm.AlarmActions ?? []).some((t) => {
        const subs = chain.topicSubscriptions[t];
        return subs?.ok && subs.data.some((s) => s.SubscriptionArn?.startsWith('arn:'));
      });
      assert.ok(confirmed, `no confirmed subscriber for ${topic.item}`);
    }
  });

  it('gives acme-prod a few failures', () => {
    const a = account('acme-prod');
    assert.ok(globalData(a, 'iam.attachedPolicies').some((p) => p.policy.PolicyName === 'AdministratorAccess'));
    assert.equal(globalData(a, 'iam.passwordPolicy')?.PasswordReusePrevention, 5);
    const filters = Object.values(globalData(a, 'monitoring.chain').metricFilters).flatMap((c) => (c.ok ? c.data : []));
    assert.ok(!filters.some((f) => f.filterName === 'OrganizationsChanges'), 'the 4.15 filter is missing');
    const trails = Object.values(globalData(a, 'cloudtrail.trailDetails')).map((d) => d.trail);
    assert.ok(trails.some((t) => !t.IsMultiRegionTrail && !t.LogFileValidationEnabled), 'a single-region trail without validation');
    const trailBucket = globalData(a, 's3.buckets').find((b) => b.name === trails[0]?.S3BucketName);
    assert.ok(trailBucket?.logging.ok && trailBucket.logging.data === null, 'trail bucket without access logging');
  });

  it('gives acme-dev many failures', () => {
    const a = account('acme-dev');
    const trails = Object.values(globalData(a, 'cloudtrail.trailDetails'));
    assert.ok(trails.every((d) => d.selectors.ok && d.selectors.data.eventSelectors.every((s) => s.ReadWriteType === 'WriteOnly')), 'write-only trail');
    assert.equal(globalData(a, 'account.securityContact'), null);
    const users = globalData(a, 'iam.credentialReport').rows.slice(1);
    assert.ok(users.some((u) => u.password_enabled === 'true' && u.mfa_active === 'false'), 'console user without MFA');
    assert.ok(users.some((u) => u.password_enabled === 'true' && u.access_key_1_active === 'true' && u.access_key_1_last_used_date === 'N/A'), 'key from user setup never used');
    const groups = everywhere(a, (r) => regionalData(a, r, 'ec2.securityGroups') ?? []);
    assert.ok(groups.some((g) => g.GroupName !== 'default' && g.IpPermissions?.some((p) => openToWorld(p) && (reaches(p, 22) || reaches(p, 3389)))), 'admin port open to the world');
    assert.ok(everywhere(a, (r) => regionalData(a, r, 'rds.instances') ?? []).some((d) => d.PubliclyAccessible), 'public RDS');
  });

  it('gives acme-sandbox the classic failures', () => {
    const a = account('acme-sandbox');
    const summary = globalData(a, 'iam.accountSummary');
    assert.equal(summary.AccountAccessKeysPresent, 1, 'root access key');
    assert.equal(summary.AccountMFAEnabled, 0, 'no root MFA');
    assert.equal(globalData(a, 'iam.passwordPolicy'), null);
    const now = Date.parse(sample.inventory.collectedAt);
    const users = globalData(a, 'iam.credentialReport').rows.slice(1);
    assert.ok(users.some((u) => u.password_enabled === 'true' && u.mfa_active === 'false'), 'console user without MFA');
    assert.ok(users.some((u) => u.access_key_1_active === 'true' && now - Date.parse(u.access_key_1_last_rotated as string) > 90 * 864e5), 'key older than 90 days');
    assert.ok(users.some((u) => u.user?.includes(',')), 'a user name with a comma');
    const groups = everywhere(a, (r) => regionalData(a, r, 'ec2.securityGroups') ?? []);
    assert.ok(groups.some((g) => g.GroupName !== 'default' && g.IpPermissions?.some((p) => openToWorld(p) && reaches(p, 22))), 'SSH open to the world');
    assert.ok(groups.some((g) => g.IpPermissions?.some((p) => openToWorld(p) && reaches(p, 3389))), 'RDP open to the world');
    assert.ok(groups.some((g) => g.GroupName === 'default' && (g.IpPermissions?.length || g.IpPermissionsEgress?.length)), 'default SG with rules');
    const rds = everywhere(a, (r) => regionalData(a, r, 'rds.instances') ?? []);
    assert.ok(rds.some((d) => !d.StorageEncrypted), 'unencrypted RDS');
    assert.ok(rds.some((d) => d.PubliclyAccessible), 'public RDS');
    assert.ok(everywhere(a, (r) => regionalData(a, r, 'ec2.instances') ?? []).some((i) => i.MetadataOptions?.HttpTokens === 'optional'), 'IMDSv1');
    assert.equal(everywhere(a, (r) => regionalData(a, r, 'ec2.flowLogs') ?? []).length, 0, 'no flow logs');
    assert.ok(globalData(a, 's3.buckets').some((b) => b.policy.ok && !b.policy.data?.includes('aws:SecureTransport')), 'bucket without TLS-only policy');
    const trails = Object.values(globalData(a, 'cloudtrail.trailDetails'));
    assert.ok(trails.every((d) => !d.trail.IsMultiRegionTrail && d.status.ok && !d.status.data.IsLogging), 'only a stopped single-region trail');
  });

  it('matches the files shipped in examples/', async () => {
    const inventory = JSON.parse(gunzipSync(await readFile(new URL('../../examples/sample-org.inventory.json.gz', import.meta.url))).toString('utf8'));
    assert.deepEqual(inventory, sample.inventory, 'examples/ is stale: run node scripts/generate-sample-org.ts');
    const organization = JSON.parse(await readFile(new URL('../../examples/sample-org.organization.json', import.meta.url), 'utf8'));
    assert.deepEqual(organization, { organization: sample.organization, regions: sample.regions });
  });
});
