import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAsff } from '../../src/hub/asff.ts';
import { isClosed, type Finding } from '../../src/findings/model.ts';
import {
  ACCOUNT,
  cis12Finding,
  ebsDefaultEncryptionControl,
  iamRootMfaControl,
  inspectorFinding,
  prowlerFinding,
} from './fixtures.ts';

const ctx = { origin: 'securityhub' as const };

function ok(doc: unknown, origin: Finding['origin'] = 'securityhub'): Finding {
  const r = normalizeAsff(doc, { origin: origin! });
  if (!r.ok) assert.fail(r.reason);
  return r.finding;
}

function reason(doc: unknown): string {
  const r = normalizeAsff(doc, ctx);
  assert.equal(r.ok, false);
  return (r as { reason: string }).reason;
}

test('a Security Hub control finding maps every field', () => {
  const doc = iamRootMfaControl('us-east-1');
  const f = ok(doc);
  assert.equal(f.source, 'securityhub');
  assert.equal(f.product, 'Security Hub');
  assert.equal(f.checkId, 'IAM.6');
  assert.equal(f.status, 'FAIL');
  assert.equal(f.severity, 'critical');
  assert.equal(f.accountId, ACCOUNT);
  assert.equal(f.accountName, 'payments-prod');
  assert.equal(f.resourceType, 'AwsAccount');
  assert.equal(f.resourceId, `AWS::::Account:${ACCOUNT}`);
  assert.equal(f.framework, 'standards/cis-aws-foundations-benchmark/v/3.0.0');
  assert.deepEqual(f.requirements, ['CIS AWS Foundations Benchmark v3.0.0/1.6', 'CIS AWS Foundations Benchmark v1.4.0/1.6']);
  assert.equal(f.title, 'Hardware MFA should be enabled for the root user');
  assert.match(f.reason, /hardware multi-factor authentication/);
  assert.equal(f.description, f.reason);
  assert.equal(
    f.remediation,
    'For information on how to correct this issue, consult the AWS Security Hub controls documentation. https://docs.aws.amazon.com/console/securityhub/IAM.6/remediation',
  );
  assert.equal(f.type, 'Software and Configuration Checks/Industry and Regulatory Standards');
  assert.equal(f.createdAt, '2024-03-01T08:00:00.000Z');
  assert.equal(f.updatedAt, '2024-05-02T08:00:00.000Z');
  assert.equal(f.observedAt, '2024-05-02T08:00:00.000Z');
  assert.equal(f.recordState, 'ACTIVE');
  assert.equal(f.workflowStatus, 'NEW');
  assert.equal(f.origin, 'securityhub');
  assert.deepEqual(f.raw, { format: 'asff', document: doc });
  assert.equal(f.errorCode, undefined);
});

test('re-importing the same document gives the same finding, whatever the origin', () => {
  const a = ok(iamRootMfaControl('eu-west-1'));
  const b = ok(structuredClone(iamRootMfaControl('eu-west-1')), 'asff-file');
  assert.deepEqual({ ...a, origin: undefined }, { ...b, origin: undefined });
});

test('an IAM control raised in three regions is one global finding', () => {
  const copies = ['us-east-1', 'eu-west-1', 'ap-southeast-2'].map((r) => ok(iamRootMfaControl(r)));
  assert.equal(new Set(copies.map((c) => c.id)).size, 1);
  assert.ok(copies.every((c) => c.region === 'global'));
  assert.deepEqual(
    copies.map((c) => c.regions),
    [['us-east-1'], ['eu-west-1'], ['ap-southeast-2']],
  );
});

test('a control about a regional account setting keeps one finding per region', () => {
  const [east, west] = ['us-east-1', 'eu-west-1'].map((r) => ok(ebsDefaultEncryptionControl(r)));
  assert.equal(east!.region, 'us-east-1');
  assert.equal(west!.region, 'eu-west-1');
  assert.notEqual(east!.id, west!.id);
});

test('standard-specific findings of one control stay apart; consolidated ones do not carry the standard', () => {
  const cis = ok(cis12Finding('us-east-1', '1.5', { Status: 'FAILED', SecurityControlId: 'IAM.11' }));
  const fsbp = ok({
    ...cis12Finding('us-east-1', '1.5', { Status: 'FAILED', SecurityControlId: 'IAM.11' }),
    GeneratorId: 'aws-foundational-security-best-practices/v/1.0.0/IAM.11',
    Compliance: { Status: 'FAILED', SecurityControlId: 'IAM.11', AssociatedStandards: [{ StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' }] },
  });
  assert.equal(cis.checkId, 'IAM.11');
  assert.notEqual(cis.id, fsbp.id);
  assert.equal(cis.region, 'global');
  assert.equal(ok(cis12Finding('eu-west-1', '1.5', { Status: 'FAILED', SecurityControlId: 'IAM.11' })).id, cis.id);
});

test('a CIS 1.2.0 IAM rule without a security control id is global by its generator', () => {
  const east = ok(cis12Finding('us-east-1', '1.5', { Status: 'PASSED' }));
  const west = ok(cis12Finding('eu-west-1', '1.5', { Status: 'PASSED' }));
  assert.equal(east.checkId, 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.5');
  assert.equal(east.status, 'PASS');
  assert.equal(east.severity, 'informational');
  assert.equal(east.id, west.id);
  const logging = ok(cis12Finding('us-east-1', '2.1', { Status: 'PASSED' }));
  assert.equal(logging.region, 'us-east-1');
});

test('compliance statuses: WARNING is MANUAL, NOT_AVAILABLE is NOT_APPLICABLE or ERROR with its reason code', () => {
  assert.equal(ok(iamRootMfaControl('us-east-1', { Compliance: { Status: 'WARNING', SecurityControlId: 'IAM.6' } })).status, 'MANUAL');

  const notApplicable = ok(
    cis12Finding('us-east-1', '1.5', {
      Status: 'NOT_AVAILABLE',
      StatusReasons: [{ ReasonCode: 'CONFIG_RETURNS_NOT_APPLICABLE', Description: 'This finding has a compliance status of NOT AVAILABLE because AWS Config sent Security Hub a status of NOT_APPLICABLE.' }],
    }),
  );
  assert.equal(notApplicable.status, 'NOT_APPLICABLE');
  assert.match(notApplicable.reason, /status of NOT_APPLICABLE/);

  const denied = ok(
    cis12Finding('us-east-1', '1.5', {
      Status: 'NOT_AVAILABLE',
      StatusReasons: [{ ReasonCode: 'CONFIG_ACCESS_DENIED', Description: 'AWS Config access denied. Verify that AWS Config is enabled and has been granted sufficient permissions.' }],
    }),
  );
  assert.equal(denied.status, 'ERROR');
  assert.equal(denied.errorCode, 'CONFIG_ACCESS_DENIED');
  assert.match(denied.reason, /access denied/);
  assert.equal(denied.description, 'Password policies are, in part, used to enforce password complexity requirements.');

  const unexplained = ok(cis12Finding('us-east-1', '1.5', { Status: 'NOT_AVAILABLE' }));
  assert.equal(unexplained.status, 'ERROR');
  assert.equal(unexplained.errorCode, 'NOT_AVAILABLE');
});

test('an Inspector finding is a product finding keyed by its producer', () => {
  const doc = inspectorFinding();
  const f = ok(doc);
  assert.equal(f.source, 'inspector');
  assert.equal(f.product, 'Inspector');
  assert.equal(f.status, 'FAIL');
  assert.equal(f.checkId, 'AWSInspector');
  assert.equal(f.severity, 'high');
  assert.equal(f.region, 'us-east-1');
  assert.equal(f.resourceType, 'AwsEc2Instance');
  assert.equal(f.framework, '');
  assert.deepEqual(f.requirements, []);
  assert.equal(f.remediation, 'Upgrade golang.org/x/net to 0.17.0 or later.');

  // Two CVEs on the same instance share generator and resource but are two upstream findings.
  const other = ok({ ...doc, Id: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/ffffffffffffffffffffffffffffffff`, Title: 'CVE-2024-24790 - stdlib' });
  assert.notEqual(f.id, other.id);
  // The same finding read through another region's product ARN (cross-region aggregation) is the same.
  assert.equal(ok({ ...doc, ProductArn: 'arn:aws:securityhub:eu-west-1::product/aws/inspector' }).id, f.id);
});

test('a Prowler finding: company/product source, its own check id, IAM ARN makes it global', () => {
  const f = ok(prowlerFinding(), 'asff-file');
  assert.equal(f.source, 'prowler/prowler');
  assert.equal(f.product, 'prowler');
  assert.equal(f.checkId, 'prowler-iam_root_hardware_mfa_enabled');
  assert.equal(f.framework, 'CIS-1.4');
  assert.equal(f.status, 'FAIL');
  assert.equal(f.region, 'global');
  assert.deepEqual(f.regions, ['us-east-1']);
  assert.equal(f.workflowStatus, undefined);
  assert.match(f.remediation!, /^Using IAM console .* https:\/\/docs\.aws\.amazon\.com\//);
});

test('severity falls back from Label to Normalized bands to Product', () => {
  const sev = (Severity: unknown) => ok({ ...inspectorFinding(), Severity }).severity;
  assert.equal(sev({ Label: 'LOW', Normalized: 95 }), 'low');
  assert.deepEqual(
    [0, 1, 39, 40, 69, 70, 89, 90, 100].map((Normalized) => sev({ Normalized })),
    ['informational', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical'],
  );
  assert.equal(sev({ Product: 75 }), 'high');
});

test('lifecycle: RecordState and the legacy WorkflowState', () => {
  const archived = ok({ ...inspectorFinding(), RecordState: 'ARCHIVED' });
  assert.equal(archived.recordState, 'ARCHIVED');
  assert.ok(isClosed(archived));
  const legacy = (WorkflowState: string) => ok({ ...inspectorFinding(), Workflow: undefined, WorkflowState }).workflowStatus;
  assert.deepEqual(
    ['NEW', 'ASSIGNED', 'IN_PROGRESS', 'DEFERRED', 'RESOLVED'].map(legacy),
    ['NEW', 'NOTIFIED', 'NOTIFIED', 'SUPPRESSED', 'RESOLVED'],
  );
  assert.equal(ok({ ...inspectorFinding(), Workflow: { Status: 'SUPPRESSED' }, WorkflowState: 'NEW' }).workflowStatus, 'SUPPRESSED');
});

test('region comes from Region, else from the product ARN', () => {
  const { Region: _, ...noRegion } = inspectorFinding();
  assert.equal(ok({ ...noRegion, ProductArn: 'arn:aws:securityhub:eu-central-1::product/aws/inspector' }).region, 'eu-central-1');
  assert.match(reason({ ...noRegion, ProductArn: 'arn:aws:securityhub:::product/aws/inspector' }), /Region is missing/);
});

test('bad documents are refused with a reason that names the field', () => {
  const doc = iamRootMfaControl('us-east-1');
  assert.equal(reason('not a finding'), 'finding must be an object');
  assert.equal(reason(null), 'finding must be an object');
  assert.equal(reason({ ...doc, Resources: [{ Type: 'AwsAccount' }] }), 'Resources[0].Id is missing');
  assert.equal(reason({ ...doc, Resources: [] }), 'Resources is empty');
  assert.equal(reason({ ...doc, UpdatedAt: 'yesterday' }), "UpdatedAt 'yesterday' is not an ISO-8601 date-time");
  assert.equal(reason({ ...doc, CreatedAt: '2024-02-30T00:00:00Z' }), "CreatedAt '2024-02-30T00:00:00Z' is not an ISO-8601 date-time");
  assert.equal(reason({ ...doc, AwsAccountId: '1234' }), "AwsAccountId '1234' is not a 12-digit account id");
  assert.equal(reason({ ...doc, AwsAccountId: 111122223333 }), 'AwsAccountId must be a string');
  assert.equal(reason({ ...doc, ProductArn: 'arn:aws:guardduty:::thing' }), "ProductArn 'arn:aws:guardduty:::thing' is not a Security Hub product ARN");
  assert.equal(reason({ ...doc, Severity: { Label: 'SEVERE' } }), "Severity.Label 'SEVERE' is not one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL");
  assert.equal(reason({ ...doc, Severity: { Original: 'bad' } }), 'Severity has no Label, Normalized or Product');
  assert.equal(reason({ ...doc, Severity: { Normalized: 101 } }), 'Severity.Normalized is above 100');
  assert.equal(reason({ ...doc, Types: [] }), 'Types is empty');
  assert.match(reason({ ...doc, SchemaVersion: '2019-01-01' }), /^SchemaVersion '2019-01-01' /);
  assert.equal(reason({ ...doc, Compliance: { Status: 'BROKEN' } }), "Compliance.Status 'BROKEN' is not one of PASSED, WARNING, FAILED, NOT_AVAILABLE");
  const { Title: _t, Description: _d, ...untitled } = doc;
  assert.equal(reason(untitled), 'Title is missing; Description is missing');
});

test('limits Security Hub enforces: oversize fields and lists are refused', () => {
  const doc = iamRootMfaControl('us-east-1');
  assert.equal(reason({ ...doc, Title: 'x'.repeat(257) }), 'Title is longer than 256 characters');
  assert.equal(reason({ ...doc, Description: 'x'.repeat(1025) }), 'Description is longer than 1024 characters');
  assert.equal(reason({ ...doc, Id: 'x'.repeat(513) }), 'Id is longer than 512 characters');
  assert.equal(reason({ ...doc, Resources: Array(33).fill({ Type: 'AwsAccount', Id: 'a' }) }), 'Resources has more than 32 entries');
  assert.equal(
    reason({ ...doc, Compliance: { Status: 'FAILED', RelatedRequirements: Array(33).fill('r') } }),
    'Compliance.RelatedRequirements has more than 32 entries',
  );
  assert.equal(
    reason({ ...doc, Remediation: { Recommendation: { Text: 'x'.repeat(513) } } }),
    'Remediation.Recommendation.Text is longer than 512 characters',
  );
});

test('untrusted text in a reason is cut short and loses control characters', () => {
  const r = reason({ ...iamRootMfaControl('us-east-1'), UpdatedAt: `\u001b[31m${'x'.repeat(200)}` });
  assert.ok(!r.includes('\u001b'));
  assert.ok(r.length < 140, r);
});

test('date-times: the RFC 3339 spellings producers use, and nothing else', () => {
  const at = (UpdatedAt: string) => normalizeAsff({ ...iamRootMfaControl('us-east-1'), UpdatedAt }, ctx);
  for (const v of ['2024-05-02T08:00:00Z', '2024-05-02T08:00:00.123Z', '2024-05-02T08:00:00.123456789Z', '2024-05-02T10:00:00+02:00', '2024-02-29T23:59:59Z']) {
    assert.equal(at(v).ok, true, v);
  }
  assert.equal((at('2024-05-02T10:00:00.5+02:00') as { finding: Finding }).finding.updatedAt, '2024-05-02T08:00:00.500Z');
  for (const v of ['2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-02T24:00:00Z', '2024-05-02T08:00:00', '2024-05-02 08:00:00Z', '2024-05-02T08:00:00.Z', '2024-05-02T08:00:00+0200', '20x4-05-02T08:00:00Z', '2024-05-02T08:00:00Zjunk', '2024-05-02T08:00:60Z', '2024-05-02t08:00:00z']) {
    assert.equal(at(v).ok, false, v);
  }
});
