import assert from 'node:assert/strict';
import type { AccountInventory, Collected, GlobalDatasets, GlobalKey, RegionalDatasets, RegionalKey } from '../../src/collect/inventory.ts';
import type { SampleOrganization } from '../../src/sample/index.ts';

export const GLOBAL_KEYS: GlobalKey[] = [
  'iam.credentialReport', 'iam.accountSummary', 'iam.passwordPolicy', 'iam.virtualMfaDevices', 'iam.attachedPolicies',
  'iam.userPolicies', 'iam.policyEntities', 'iam.serverCertificates', 'account.securityContact',
  's3.buckets', 's3control.publicAccessBlock', 'cloudtrail.trailDetails', 'monitoring.chain',
];
export const REGIONAL_KEYS: RegionalKey[] = [
  'cloudtrail.trails', 'config.recorders', 'accessanalyzer.analyzers', 'securityhub.hub', 'guardduty.detectors', 'kms.keys',
  'ec2.ebsEncryptionByDefault', 'ec2.vpcs', 'ec2.flowLogs', 'ec2.securityGroups', 'ec2.networkAcls', 'ec2.instances',
  'rds.instances', 'efs.fileSystems',
];
export const CREDENTIAL_REPORT_HEADER = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed',
  'password_next_rotation', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated',
  'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date',
  'access_key_2_last_used_region', 'access_key_2_last_used_service', 'cert_1_active', 'cert_1_last_rotated',
  'cert_2_active', 'cert_2_last_rotated',
];

function data<T>(c: Collected<T> | undefined, what: string): T {
  assert.ok(c, `${what} is missing`);
  assert.ok(c.ok, `${what} failed: ${c.ok ? '' : c.error.code}`);
  return c.data;
}

export function globalData<K extends GlobalKey>(a: AccountInventory, key: K): GlobalDatasets[K] {
  return data(a.global[key] as Collected<GlobalDatasets[K]> | undefined, `${a.accountId} ${key}`);
}

/** The dataset, or undefined where it is stored as an error (errors as data are allowed). */
export function regionalData<K extends RegionalKey>(a: AccountInventory, region: string, key: K): RegionalDatasets[K] | undefined {
  const c = a.regional[region]?.[key] as Collected<RegionalDatasets[K]> | undefined;
  assert.ok(c, `${a.accountId} ${region} ${key} is missing`);
  return c.ok ? c.data : undefined;
}

function checkTrails(a: AccountInventory): void {
  const details = globalData(a, 'cloudtrail.trailDetails');
  const listed = new Set<string>();
  for (const region of a.regions) {
    for (const t of regionalData(a, region, 'cloudtrail.trails') ?? []) {
      assert.ok(t.TrailARN, `${a.accountId} ${region}: trail without ARN`);
      listed.add(t.TrailARN);
      const d = details[t.TrailARN];
      assert.ok(d, `${a.accountId} ${region}: trail ${t.TrailARN} has no details`);
      assert.deepEqual(d.trail, t, `${a.accountId} ${region}: trail ${t.Name} differs from its details`);
      if (!t.IsMultiRegionTrail) assert.equal(region, t.HomeRegion, `single-region trail ${t.Name} listed outside its home region`);
    }
  }
  for (const [trailArn, d] of Object.entries(details)) {
    assert.ok(listed.has(trailArn), `${a.accountId}: trail details ${trailArn} for a trail no region lists`);
    if (d.trail.IsMultiRegionTrail) {
      for (const region of a.regions) {
        assert.ok((regionalData(a, region, 'cloudtrail.trails') ?? []).some((t) => t.TrailARN === trailArn), `multi-region trail ${trailArn} missing in ${region}`);
      }
    }
    const home = d.trail.HomeRegion as string;
    if (d.trail.KmsKeyId) {
      const keys = regionalData(a, home, 'kms.keys') ?? [];
      assert.ok(keys.some((k) => k.metadata.Arn === d.trail.KmsKeyId), `trail ${trailArn} uses a KMS key not in ${home}`);
    }
    assert.ok(globalData(a, 's3.buckets').some((b) => b.name === d.trail.S3BucketName), `trail ${trailArn} bucket not in s3.buckets`);
  }
}

function checkChain(a: AccountInventory): void {
  const chain = globalData(a, 'monitoring.chain');
  const trails = Object.values(globalData(a, 'cloudtrail.trailDetails')).map((d) => d.trail);
  const groups = trails.map((t) => t.CloudWatchLogsLogGroupArn).filter((g): g is string => !!g && g.split(':')[4] === a.accountId);
  assert.deepEqual(Object.keys(chain.metricFilters).sort(), [...new Set(groups)].sort(), `${a.accountId}: metric filter keys are not the trail log groups`);
  assert.deepEqual(Object.keys(chain.alarms).sort(), [...new Set(groups.map((g) => g.split(':')[3]))].sort(), `${a.accountId}: alarm regions are not the log-group regions`);
  const metrics = new Set<string>();
  for (const [groupArn, c] of Object.entries(chain.metricFilters)) {
    for (const f of data(c, `filters of ${groupArn}`)) {
      assert.equal(f.logGroupName, groupArn.split(':')[6], `filter ${f.filterName} on the wrong log group`);
      for (const m of f.metricTransformations ?? []) metrics.add(`${m.metricNamespace}/${m.metricName}`);
    }
  }
  const notified = new Set<string>();
  for (const [region, c] of Object.entries(chain.alarms)) {
    for (const alarm of data(c, `alarms in ${region}`)) {
      assert.ok(alarm.AlarmArn?.includes(`:${region}:`), `alarm ${alarm.AlarmName} outside ${region}`);
      const onMetrics = [
        ...(alarm.MetricName ? [`${alarm.Namespace}/${alarm.MetricName}`] : []),
        ...(alarm.Metrics ?? []).flatMap((m) => (m.MetricStat?.Metric ? [`${m.MetricStat.Metric.Namespace}/${m.MetricStat.Metric.MetricName}`] : [])),
      ];
      if (!onMetrics.some((m) => metrics.has(m))) continue;
      for (const action of alarm.AlarmActions ?? []) notified.add(action);
    }
  }
  assert.deepEqual(Object.keys(chain.topicSubscriptions).sort(), [...notified].sort(), `${a.accountId}: subscriptions are not the topics alarms on filter metrics notify`);
  for (const [topicArn, c] of Object.entries(chain.topicSubscriptions)) {
    for (const s of data(c, `subscriptions of ${topicArn}`)) assert.equal(s.TopicArn, topicArn);
  }
}

function checkIam(a: AccountInventory): void {
  const report = globalData(a, 'iam.credentialReport');
  assert.ok(report.rows.length >= 1);
  for (const row of report.rows) assert.deepEqual(Object.keys(row), CREDENTIAL_REPORT_HEADER, `${a.accountId}: credential-report row ${row.user} columns`);
  assert.equal(report.rows[0]?.user, '<root_account>');
  assert.equal(report.rows[0]?.arn, `arn:aws:iam::${a.accountId}:root`);
  const users = report.rows.slice(1).map((r) => r.user);
  assert.equal(new Set(users).size, users.length, `${a.accountId}: duplicate user names`);
  assert.deepEqual(globalData(a, 'iam.userPolicies').map((u) => u.userName), users, `${a.accountId}: userPolicies do not list the report's users`);
  assert.equal(globalData(a, 'iam.accountSummary').Users, users.length);
  for (const row of report.rows.slice(1)) {
    const created = Date.parse(row.user_creation_time as string);
    for (const col of ['password_last_changed', 'password_last_used', 'access_key_1_last_rotated', 'access_key_2_last_rotated'] as const) {
      const v = row[col] as string;
      if (/^\d{4}-/.test(v)) assert.ok(Date.parse(v) >= created, `${row.user}: ${col} before the user existed`);
    }
    for (const n of [1, 2]) {
      const used = row[`access_key_${n}_last_used_date`] as string;
      if (/^\d{4}-/.test(used)) assert.ok(Date.parse(used) >= Date.parse(row[`access_key_${n}_last_rotated`] as string), `${row.user}: key ${n} used before it was created`);
    }
  }
}

function checkRegion(a: AccountInventory, region: string): void {
  for (const key of REGIONAL_KEYS) assert.ok(a.regional[region]?.[key], `${a.accountId} ${region}: ${key} missing`);
  const vpcs = regionalData(a, region, 'ec2.vpcs') ?? [];
  assert.ok(vpcs.length >= 1 && vpcs.length <= 3, `${a.accountId} ${region}: ${vpcs.length} VPCs`);
  const vpcIds = new Set(vpcs.map((v) => v.VpcId));
  const groups = regionalData(a, region, 'ec2.securityGroups') ?? [];
  for (const vpcId of vpcIds) {
    const inVpc = groups.filter((g) => g.VpcId === vpcId);
    assert.equal(inVpc.filter((g) => g.GroupName === 'default').length, 1, `${vpcId}: default security groups`);
    assert.equal(new Set(inVpc.map((g) => g.GroupName)).size, inVpc.length, `${vpcId}: security group names not unique`);
    assert.equal((regionalData(a, region, 'ec2.networkAcls') ?? []).filter((n) => n.VpcId === vpcId && n.IsDefault).length, 1, `${vpcId}: default NACLs`);
  }
  assert.ok(groups.every((g) => vpcIds.has(g.VpcId)));
  assert.ok((regionalData(a, region, 'ec2.flowLogs') ?? []).every((f) => vpcIds.has(f.ResourceId)), 'flow log on an unknown VPC');
  const groupIds = new Set(groups.map((g) => g.GroupId));
  for (const i of regionalData(a, region, 'ec2.instances') ?? []) {
    if (i.VpcId) assert.ok(vpcIds.has(i.VpcId), `${i.InstanceId} in an unknown VPC`);
    for (const g of i.SecurityGroups ?? []) assert.ok(groupIds.has(g.GroupId), `${i.InstanceId} uses an unknown group`);
  }
  for (const k of regionalData(a, region, 'kms.keys') ?? []) {
    const m = k.metadata;
    const rotatable = m.KeyManager === 'CUSTOMER' && m.KeySpec === 'SYMMETRIC_DEFAULT' && m.KeyState === 'Enabled' && m.Origin === 'AWS_KMS';
    assert.equal(k.rotationEnabled !== undefined, rotatable, `${m.KeyId}: rotation status present for a key that cannot rotate, or missing`);
    assert.ok(m.Arn?.startsWith(`arn:aws:kms:${region}:${a.accountId}:key/`));
  }
}

/** Dates that lie ahead of the collection time by nature. */
const FUTURE_FIELDS = new Set(['Expiration', 'DeletionDate', 'password_next_rotation']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/;

function checkDatesNotAfter(value: unknown, limit: number, path: string): void {
  if (Array.isArray(value)) value.forEach((v, i) => checkDatesNotAfter(v, limit, `${path}[${i}]`));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) if (!FUTURE_FIELDS.has(k)) checkDatesNotAfter(v, limit, `${path}.${k}`);
  } else if (typeof value === 'string' && ISO.test(value)) {
    assert.ok(Date.parse(value) <= limit, `${path} = ${value} is after the collection time`);
  }
}

/** Everything a collector run would have produced consistently, checked across datasets. */
export function assertConsistent(org: SampleOrganization): void {
  const { inventory } = org;
  assert.deepEqual(JSON.parse(JSON.stringify(org)), org, 'the organization is not plain JSON (undefined values or Dates)');
  assert.equal(inventory.format, 'rampart-inventory');
  assert.equal(inventory.version, 1);
  const byId = new Map(org.organization.accounts.map((a) => [a.Id, a]));
  assert.equal(byId.size, org.organization.accounts.length, 'duplicate account ids in the organization');
  for (const a of org.organization.accounts) assert.match(a.Id, /^\d{12}$/);
  const regionStatus = new Map(org.regions.map((r) => [r.RegionName, r.OptInStatus]));
  for (const a of inventory.accounts) {
    assert.equal(byId.get(a.accountId)?.Status, 'ACTIVE', `${a.accountId} has an inventory but is not ACTIVE`);
    assert.equal(byId.get(a.accountId)?.Name, a.name);
    assert.deepEqual(Object.keys(a.regional).sort(), [...a.regions].sort());
    for (const r of a.regions) assert.notEqual(regionStatus.get(r), 'not-opted-in', `${r} scanned but not opted in`);
    for (const s of a.skippedRegions) {
      assert.equal(regionStatus.get(s.region), 'not-opted-in', `${s.region} skipped but enabled`);
      assert.ok(!a.regions.includes(s.region));
    }
    for (const key of GLOBAL_KEYS) assert.ok(a.global[key], `${a.accountId}: ${key} missing`);
    checkDatesNotAfter(a, Date.parse(inventory.collectedAt), a.accountId);
    checkIam(a);
    checkTrails(a);
    checkChain(a);
    for (const region of a.regions) checkRegion(a, region);
  }
  for (const a of org.organization.accounts) {
    if (a.Status === 'ACTIVE') assert.ok(inventory.accounts.some((x) => x.accountId === a.Id), `${a.Id} is ACTIVE without an inventory`);
  }
}
