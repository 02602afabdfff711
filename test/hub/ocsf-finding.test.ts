import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAsff } from '../../src/hub/asff.ts';
import { normalizeGuardDuty } from '../../src/hub/guardduty-finding.ts';
import { normalizeOcsf } from '../../src/hub/ocsf-finding.ts';
import { isClosed, type Finding } from '../../src/findings/model.ts';
import { ACCOUNT, guardDutyPortProbe, iamRootMfaControl, ocsfGuardDutyPortProbe, ocsfIamRootMfa } from './fixtures.ts';

function ok(doc: unknown): Finding {
  const r = normalizeOcsf(doc, { origin: 'securityhub' });
  if (!r.ok) assert.fail(r.reason);
  return r.finding;
}

function reason(doc: unknown): string {
  const r = normalizeOcsf(doc, { origin: 'securityhub' });
  assert.equal(r.ok, false);
  return (r as { reason: string }).reason;
}

test('a V2 compliance finding maps every field', () => {
  const doc = ocsfIamRootMfa('us-east-1');
  const f = ok(doc);
  assert.equal(f.source, 'securityhub');
  assert.equal(f.product, 'Security Hub');
  assert.equal(f.checkId, 'IAM.6');
  assert.equal(f.status, 'FAIL');
  assert.equal(f.severity, 'critical');
  assert.equal(f.accountName, 'payments-prod');
  assert.equal(f.resourceType, 'AwsAccount');
  assert.equal(f.resourceId, `AWS::::Account:${ACCOUNT}`);
  assert.equal(f.framework, 'standards/cis-aws-foundations-benchmark/v/3.0.0');
  assert.deepEqual(f.requirements, ['CIS AWS Foundations Benchmark v3.0.0/1.6']);
  assert.equal(f.title, 'Hardware MFA should be enabled for the root user');
  assert.match(f.reason, /hardware multi-factor/);
  assert.equal(f.remediation, 'For information on how to correct this issue, consult the AWS Security Hub controls documentation. https://docs.aws.amazon.com/console/securityhub/IAM.6/remediation');
  assert.equal(f.type, 'Posture Management');
  assert.equal(f.createdAt, '2024-03-01T08:00:00.000Z');
  assert.equal(f.updatedAt, '2024-05-02T08:00:00.000Z');
  assert.equal(f.observedAt, '2024-05-02T08:00:00.000Z');
  assert.equal(f.workflowStatus, 'NEW');
  assert.equal(f.recordState, 'ACTIVE');
  assert.deepEqual(f.raw, { format: 'ocsf', document: doc });
});

test('the IAM control from every region is one global finding, the same as its ASFF copy', () => {
  const copies = ['us-east-1', 'eu-west-1', 'ap-southeast-2'].map((r) => ok(ocsfIamRootMfa(r)));
  assert.equal(new Set(copies.map((c) => c.id)).size, 1);
  assert.ok(copies.every((c) => c.region === 'global'));
  assert.deepEqual(copies[1]!.regions, ['eu-west-1']);
  const asff = normalizeAsff(iamRootMfaControl('us-east-1'), { origin: 'securityhub' });
  assert.ok(asff.ok);
  assert.equal(copies[0]!.id, asff.finding.id);
});

test('the GuardDuty finding as OCSF is the GuardDuty API finding', () => {
  const o = ok(ocsfGuardDutyPortProbe());
  const api = normalizeGuardDuty(guardDutyPortProbe(), { origin: 'guardduty' });
  assert.ok(api.ok);
  const g = api.finding;
  assert.equal(o.id, g.id);
  for (const k of ['source', 'checkId', 'region', 'resourceId', 'resourceType', 'status', 'severity', 'title', 'createdAt', 'updatedAt', 'observedAt'] as const) {
    assert.equal(o[k], g[k], k);
  }
  assert.equal(o.framework, '');
  const untyped = ok(ocsfGuardDutyPortProbe({ finding_info: { uid: 'arn:aws:guardduty:us-east-1:111122223333:detector/d/finding/f', modified_time: 1714689303677 } }));
  assert.equal(untyped.checkId, '2004');
});

test('compliance statuses and lifecycle', () => {
  const status = (compliance: unknown) => ok(ocsfIamRootMfa('us-east-1', { compliance })).status;
  assert.equal(status({ control: 'IAM.6', status_id: 1 }), 'PASS');
  assert.equal(status({ control: 'IAM.6', status_id: 2 }), 'MANUAL');
  const notApplicable = ok(ocsfIamRootMfa('us-east-1', { compliance: { control: 'IAM.6', status_id: 99, status_code: 'NOT_APPLICABLE' } }));
  assert.equal(notApplicable.status, 'NOT_APPLICABLE');
  const unknown = ok(ocsfIamRootMfa('us-east-1', { compliance: { control: 'IAM.6', status_id: 0, status_detail: 'AWS Config is not recording.' } }));
  assert.equal(unknown.status, 'ERROR');
  assert.equal(unknown.errorCode, 'NOT_AVAILABLE');
  assert.equal(unknown.reason, 'AWS Config is not recording.');

  const closed = ok(ocsfGuardDutyPortProbe({ activity_id: 3, activity_name: 'Close', status_id: 1 }));
  assert.equal(closed.workflowStatus, 'RESOLVED');
  assert.ok(isClosed(closed));
  assert.equal(ok(ocsfGuardDutyPortProbe({ activity_id: 3, status_id: 3 })).workflowStatus, 'SUPPRESSED');
  assert.equal(ok(ocsfGuardDutyPortProbe({ status_id: 2 })).workflowStatus, 'NOTIFIED');
  assert.equal(ok(ocsfGuardDutyPortProbe({ status_id: 5 })).recordState, 'ARCHIVED');
});

test('severity_id: Fatal is critical, Unknown and Other read the caption', () => {
  const sev = (severity_id: number, severity?: string) => ok(ocsfGuardDutyPortProbe({ severity_id, severity })).severity;
  assert.deepEqual([1, 2, 3, 4, 5, 6].map((id) => sev(id)), ['informational', 'low', 'medium', 'high', 'critical', 'critical']);
  assert.equal(sev(99, 'High'), 'high');
  assert.equal(sev(0, 'Unknown'), 'informational');
});

test('a detection finding from another product keeps its producer identity', () => {
  const inspector = {
    ...ocsfGuardDutyPortProbe(),
    class_uid: 2002,
    class_name: 'Vulnerability Finding',
    metadata: { product: { name: 'Inspector', vendor_name: 'AWS', uid: 'arn:aws:securityhub:us-east-1::productv2/aws/inspector' } },
    finding_info: {
      uid: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/0d1a8e6d4c7b5f3e2a1b0c9d8e7f6a5b`,
      title: 'CVE-2023-44487 - golang.org/x/net',
      types: ['Software and Configuration Checks/Vulnerabilities/CVE', 'Vulnerabilities'],
      modified_time: 1714550639403,
    },
  };
  const f = ok(inspector);
  assert.equal(f.source, 'inspector');
  assert.equal(f.checkId, 'Software and Configuration Checks/Vulnerabilities/CVE');
  assert.equal(f.updatedAt, '2024-05-01T08:03:59.403Z');
  assert.equal(f.createdAt, f.updatedAt);
  const other = ok({ ...inspector, finding_info: { ...inspector.finding_info, uid: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/ffff` } });
  assert.notEqual(other.id, f.id);
});

test('a producer without a product ARN is named from its vendor and product', () => {
  const prowler = ok({
    ...ocsfGuardDutyPortProbe(),
    metadata: { product: { name: 'Prowler', vendor_name: 'Prowler', uid: 'prowler' }, event_code: 'iam_root_hardware_mfa_enabled' },
    finding_info: { uid: `prowler-aws-iam_root_hardware_mfa_enabled-${ACCOUNT}-us-east-1-root`, title: 'Ensure only hardware MFA is enabled for the root account.', modified_time_dt: '2024-05-02T10:11:12Z' },
    resources: [{ type: 'AwsAccount', uid: `arn:aws:iam::${ACCOUNT}:root`, region: 'us-east-1' }],
  });
  assert.equal(prowler.source, 'prowler/prowler');
  assert.equal(prowler.checkId, 'iam_root_hardware_mfa_enabled');
});

test('bad OCSF documents are refused with a reason', () => {
  const doc = ocsfIamRootMfa('us-east-1');
  assert.equal(reason({ ...doc, class_uid: 3002 }), "class_uid '3002' is not a class of the Findings category (2xxx)");
  assert.equal(reason({ ...doc, finding_info: { title: 'x' } }), 'finding_info.uid is missing');
  assert.equal(reason({ ...doc, cloud: { account: { uid: 'acct' } } }), "cloud.account.uid 'acct' is not a 12-digit account id");
  assert.equal(reason({ ...doc, severity_id: 'High' }), 'severity_id must be a number');
  assert.equal(
    reason({ ...doc, time: undefined, time_dt: undefined, finding_info: { uid: 'u' } }),
    'finding_info.modified_time and time are missing',
  );
  assert.equal(reason({ ...doc, finding_info: { uid: 'u', modified_time_dt: 'soon' } }), "finding_info.modified_time_dt 'soon' is not an ISO-8601 date-time");
  assert.equal(reason({ ...doc, time: 1e20, finding_info: { uid: 'u' } }), 'time is above 8640000000000000');
  assert.equal(reason({ ...doc, metadata: { product: {} } }), 'metadata.product has neither a product ARN uid nor a name');
  assert.equal(reason({ ...doc, cloud: { account: { uid: ACCOUNT } }, resources: [], metadata: { product: { name: 'X' } } }), 'cloud.region is missing');
});
