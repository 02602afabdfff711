import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAsff } from '../../src/hub/asff.ts';
import { normalizeGuardDuty } from '../../src/hub/guardduty-finding.ts';
import { guardDutyTypeFromAsff } from '../../src/hub/guardduty-type.ts';
import type { Finding } from '../../src/findings/model.ts';
import {
  ACCOUNT,
  guardDutyCredentialExfiltration,
  guardDutyCredentialExfiltrationAsff,
  guardDutyPortProbe,
  guardDutyPortProbeAsff,
} from './fixtures.ts';

function gd(doc: unknown): Finding {
  const r = normalizeGuardDuty(doc, { origin: 'guardduty' });
  if (!r.ok) assert.fail(r.reason);
  return r.finding;
}

function asff(doc: unknown): Finding {
  const r = normalizeAsff(doc, { origin: 'securityhub' });
  if (!r.ok) assert.fail(r.reason);
  return r.finding;
}

test('a GuardDuty API finding maps every field', () => {
  const doc = guardDutyPortProbe();
  const f = gd(doc);
  assert.equal(f.source, 'guardduty');
  assert.equal(f.product, 'GuardDuty');
  assert.equal(f.checkId, 'Recon:EC2/PortProbeUnprotectedPort');
  assert.equal(f.type, 'Recon:EC2/PortProbeUnprotectedPort');
  assert.equal(f.status, 'FAIL');
  assert.equal(f.severity, 'medium');
  assert.equal(f.accountId, ACCOUNT);
  assert.equal(f.region, 'us-east-1');
  assert.deepEqual(f.regions, ['us-east-1']);
  assert.equal(f.resourceType, 'AwsEc2Instance');
  assert.equal(f.resourceId, `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abcdef1234567890`);
  assert.equal(f.title, 'Unprotected port on EC2 instance i-0abcdef1234567890 is being probed.');
  assert.equal(f.reason, 'EC2 instance has an unprotected port which is being probed by a known malicious host.');
  assert.equal(f.createdAt, '2024-04-11T21:40:05.000Z');
  assert.equal(f.updatedAt, '2024-05-02T22:35:03.677Z');
  assert.equal(f.observedAt, '2024-05-02T22:35:03.000Z');
  assert.equal(f.recordState, 'ACTIVE');
  assert.equal(f.framework, '');
  assert.deepEqual(f.raw, { format: 'guardduty', document: doc });
});

test('one GuardDuty finding read from GuardDuty and from Security Hub is one finding', () => {
  for (const [api, hub] of [
    [guardDutyPortProbe(), guardDutyPortProbeAsff()],
    [guardDutyCredentialExfiltration(), guardDutyCredentialExfiltrationAsff()],
  ] as const) {
    const a = gd(api);
    const b = asff(hub);
    assert.equal(a.id, b.id);
    const same = (f: Finding) => ({
      source: f.source,
      checkId: f.checkId,
      accountId: f.accountId,
      region: f.region,
      resourceId: f.resourceId,
      resourceType: f.resourceType,
      status: f.status,
      severity: f.severity,
      title: f.title,
      reason: f.reason,
      product: f.product,
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
      observedAt: f.observedAt,
      recordState: f.recordState,
    });
    assert.deepEqual(same(b), same(a));
  }
});

test('GuardDuty findings about an IAM principal stay with their detector region', () => {
  const f = gd(guardDutyCredentialExfiltration());
  assert.equal(f.resourceType, 'AwsIamAccessKey');
  assert.equal(f.resourceId, 'AWS::IAM::AccessKey:ASIAIOSFODNN7EXAMPLE');
  assert.equal(f.region, 'us-east-1');
  assert.equal(f.severity, 'high');
  // The same activity seen by another region's detector is another GuardDuty finding.
  const west = gd({
    ...guardDutyCredentialExfiltration(),
    region: 'eu-west-1',
    arn: `arn:aws:guardduty:eu-west-1:${ACCOUNT}:detector/99aa/finding/0f0f`,
  });
  assert.notEqual(west.id, f.id);
});

test('severity bands: below 1 informational, Low, Medium, High, Critical', () => {
  const sev = (severity: number) => gd(guardDutyPortProbe({ severity })).severity;
  assert.deepEqual(
    [0.5, 1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(sev),
    ['informational', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical'],
  );
});

test('archived GuardDuty findings are closed; no service block falls back to the finding times', () => {
  const archived = gd(guardDutyPortProbe({ service: { archived: true } }));
  assert.equal(archived.recordState, 'ARCHIVED');
  assert.equal(archived.observedAt, '2024-05-02T22:35:03.677Z');
  const bare = gd(guardDutyPortProbe({ service: undefined, title: undefined, description: undefined }));
  assert.equal(bare.createdAt, '2024-04-11T22:34:57.126Z');
  assert.equal(bare.title, 'Recon:EC2/PortProbeUnprotectedPort');
  assert.equal(bare.reason, 'Recon:EC2/PortProbeUnprotectedPort');
});

test('the most specific resource for each GuardDuty resource type', () => {
  const resource = (r: unknown) => {
    const f = gd(guardDutyPortProbe({ resource: r }));
    return [f.resourceType, f.resourceId];
  };
  assert.deepEqual(resource({ resourceType: 'S3Bucket', s3BucketDetails: [{ name: 'logs-bucket', arn: 'arn:aws:s3:::logs-bucket' }] }), ['AwsS3Bucket', 'arn:aws:s3:::logs-bucket']);
  assert.deepEqual(resource({ resourceType: 'S3Bucket', s3BucketDetails: [{ name: 'logs-bucket' }] }), ['AwsS3Bucket', 'arn:aws:s3:::logs-bucket']);
  assert.deepEqual(
    resource({ resourceType: 'EKSCluster', eksClusterDetails: { name: 'prod', arn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod` } }),
    ['AwsEksCluster', `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod`],
  );
  assert.deepEqual(
    resource({ resourceType: 'Lambda', lambdaDetails: { functionName: 'f', functionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` } }),
    ['AwsLambdaFunction', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`],
  );
  // An S3 finding names the caller's key and the bucket: the bucket is what the finding is about.
  assert.deepEqual(
    resource({ resourceType: 'S3Bucket', accessKeyDetails: { accessKeyId: 'AKIAEXAMPLE' }, s3BucketDetails: [{ name: 'b' }] }),
    ['AwsS3Bucket', 'arn:aws:s3:::b'],
  );
  assert.deepEqual(resource({ resourceType: 'Unheard' }), ['Unheard', `AWS::::Account:${ACCOUNT}`]);
});

test('bad GuardDuty documents are refused with a reason', () => {
  const reason = (doc: unknown) => {
    const r = normalizeGuardDuty(doc, { origin: 'guardduty' });
    assert.equal(r.ok, false);
    return (r as { reason: string }).reason;
  };
  assert.equal(reason([]), 'finding must be an object');
  assert.equal(reason(guardDutyPortProbe({ severity: '5' })), 'severity must be a number');
  assert.equal(reason(guardDutyPortProbe({ severity: 11 })), 'severity is above 10');
  assert.equal(reason(guardDutyPortProbe({ type: 'x'.repeat(257) })), 'type is longer than 256 characters');
  assert.equal(reason(guardDutyPortProbe({ arn: 'finding-1' })), "arn 'finding-1' is not a GuardDuty finding ARN");
  assert.equal(reason(guardDutyPortProbe({ resource: {} })), 'resource.resourceType is missing');
  // The PascalCase shape some SDKs print is not the API or event shape.
  assert.match(reason({ AccountId: ACCOUNT, Id: 'x', Type: 'Recon:EC2/Portscan' }), /^accountId is missing; arn is missing/);
});

test('the GuardDuty type is recovered from the Types Security Hub writes', () => {
  assert.equal(guardDutyTypeFromAsff(['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort']), 'Recon:EC2/PortProbeUnprotectedPort');
  assert.equal(guardDutyTypeFromAsff(['TTPs/Command and Control/Backdoor:EC2-C&CActivity.B!DNS']), 'Backdoor:EC2/C&CActivity.B!DNS');
  assert.equal(guardDutyTypeFromAsff(['TTPs/Policy:IAMUser-RootCredentialUsage']), 'Policy:IAMUser/RootCredentialUsage');
  assert.equal(guardDutyTypeFromAsff(['TTPs/PenTest:IAMUser/KaliLinux']), 'PenTest:IAMUser/KaliLinux');
  assert.equal(guardDutyTypeFromAsff(['Effects/Data Exposure/Policy:S3-BucketBlockPublicAccessDisabled']), 'Policy:S3/BucketBlockPublicAccessDisabled');
  assert.equal(guardDutyTypeFromAsff(['TTPs/Impact/IAMUser-AnomalousBehavior']), 'Impact:IAMUser/AnomalousBehavior');
  assert.equal(guardDutyTypeFromAsff(['TTPs/Initial Access/IAMUser-AnomalousBehavior']), 'InitialAccess:IAMUser/AnomalousBehavior');
  assert.equal(guardDutyTypeFromAsff(['Threats', 'AttackSequence:EC2/CompromisedInstanceGroup']), 'AttackSequence:EC2/CompromisedInstanceGroup');
  assert.equal(guardDutyTypeFromAsff(['Unusual Behaviors']), 'Unusual Behaviors');
});
