import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isGlobalControl, isGlobalResource, placeControl, placeProduct } from '../../src/hub/global.ts';
import { findingId } from '../../src/findings/model.ts';

const ACCOUNT = '111122223333';

test('global resources: IAM principals and policies, access keys, account-level Block Public Access', () => {
  for (const [type, id] of [
    ['AwsIamUser', `arn:aws:iam::${ACCOUNT}:user/alice`],
    ['AwsIamRole', `arn:aws:iam::${ACCOUNT}:role/app`],
    ['AwsIamPolicy', `arn:aws:iam::${ACCOUNT}:policy/admin`],
    ['AwsIamGroup', `arn:aws:iam::${ACCOUNT}:group/ops`],
    ['AwsIamAccessKey', 'AWS::IAM::AccessKey:AKIAIOSFODNN7EXAMPLE'],
    ['AwsS3AccountPublicAccessBlock', ACCOUNT],
    ['Other', `arn:aws-us-gov:iam::${ACCOUNT}:root`],
  ]) {
    assert.equal(isGlobalResource(type!, id!), true, id);
  }
  for (const [type, id] of [
    ['AwsS3Bucket', 'arn:aws:s3:::logs-bucket'],
    ['AwsAccount', `AWS::::Account:${ACCOUNT}`],
    ['AwsEc2Instance', `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abc`],
    ['AwsKmsKey', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234`],
  ]) {
    assert.equal(isGlobalResource(type!, id!), false, id);
  }
});

test('global controls: IAM.* but the regional Access Analyzer one, Account.*, S3.1, CIS 1.2.0 section 1', () => {
  for (const id of ['IAM.1', 'IAM.6', 'IAM.27', 'Account.1', 'Account.2', 'S3.1', 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/1.14']) {
    assert.equal(isGlobalControl(id), true, id);
  }
  for (const id of ['IAM.28', 'S3.11', 'EC2.7', 'Config.1', 'GuardDuty.1', 'CloudTrail.1', 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/2.1']) {
    assert.equal(isGlobalControl(id), false, id);
  }
});

test('a global control finding is filed under global with the id of (source, control, account, global, resource)', () => {
  const key = { source: 'securityhub', checkId: 'IAM.6', accountId: ACCOUNT, resourceType: 'AwsAccount', resourceId: `AWS::::Account:${ACCOUNT}` };
  const east = placeControl({ ...key, region: 'us-east-1' });
  assert.deepEqual(east, { id: findingId('securityhub', 'IAM.6', ACCOUNT, 'global', `AWS::::Account:${ACCOUNT}`), region: 'global', regions: ['us-east-1'] });
  assert.equal(placeControl({ ...key, region: 'sa-east-1' }).id, east.id);
  const regional = placeControl({ ...key, checkId: 'Config.1', region: 'us-east-1' });
  assert.deepEqual(regional, { id: findingId('securityhub', 'Config.1', ACCOUNT, 'us-east-1', `AWS::::Account:${ACCOUNT}`), region: 'us-east-1', regions: ['us-east-1'] });
});

test('product findings are told apart by their producer and upstream id only', () => {
  const a = placeProduct({ producer: 'aws::aws/guardduty', accountId: ACCOUNT, upstreamId: 'f-1', region: 'us-east-1' });
  assert.equal(a.region, 'us-east-1');
  assert.match(a.id, /^[0-9a-f]{32}$/);
  assert.notEqual(placeProduct({ producer: 'aws::aws/guardduty', accountId: ACCOUNT, upstreamId: 'f-2', region: 'us-east-1' }).id, a.id);
  assert.notEqual(placeProduct({ producer: 'aws::aws/inspector', accountId: ACCOUNT, upstreamId: 'f-1', region: 'us-east-1' }).id, a.id);
  assert.notEqual(placeProduct({ producer: 'aws::aws/guardduty', accountId: '444455556666', upstreamId: 'f-1', region: 'us-east-1' }).id, a.id);
});
