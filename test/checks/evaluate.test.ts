import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateAccount } from '../../src/checks/evaluate.ts';
import { DEFAULT_CHECK_OPTIONS, type AccountCheck, type RegionCheck } from '../../src/checks/types.ts';
import { accountInventory, failed, ok, TEST_NOW } from '../support/checks.ts';

const perRegion: RegionCheck = {
  id: 'test_region_check',
  title: 'EBS default encryption',
  severity: 'medium',
  scope: 'region',
  reads: ['ec2.ebsEncryptionByDefault'],
  remediation: 'turn it on',
  evaluateRegion: (ctx, region) => [
    { status: ctx.regional('ec2.ebsEncryptionByDefault', region) ? 'PASS' : 'FAIL', region, resourceId: ctx.accountId, resourceType: 'AwsAccount', reason: 'r' },
  ],
};
const accountWide: AccountCheck = {
  id: 'test_account_check',
  title: 'password policy',
  severity: 'medium',
  scope: 'account',
  reads: ['iam.passwordPolicy'],
  remediation: 'set one',
  evaluate: (ctx) => {
    ctx.global('iam.passwordPolicy');
    return [];
  },
};
const run = (spec: Parameters<typeof accountInventory>[0]) => evaluateAccount([perRegion, accountWide], accountInventory(spec), 'aws', TEST_NOW, DEFAULT_CHECK_OPTIONS);

test('region checks run per scanned region; a failed region is ERROR with its code, others judged', () => {
  const rs = run({ regional: { 'us-east-1': { 'ec2.ebsEncryptionByDefault': ok(true) }, 'eu-west-1': { 'ec2.ebsEncryptionByDefault': failed('AccessDenied') } }, global: { 'iam.passwordPolicy': ok(null) } });
  const byRegion = Object.fromEntries(rs.filter((r) => r.checkId === perRegion.id).map((r) => [r.region, [r.status, r.errorCode]]));
  assert.deepEqual(byRegion, { 'us-east-1': ['PASS', undefined], 'eu-west-1': ['ERROR', 'AccessDenied'] });
});

test('an account with no scanned region: region checks are ERROR NoRegionScanned, not "nothing to evaluate"', () => {
  const inv = { ...accountInventory({ global: { 'iam.passwordPolicy': ok(null) } }), regions: [] };
  const rs = evaluateAccount([perRegion], inv, 'aws', TEST_NOW, DEFAULT_CHECK_OPTIONS);
  assert.deepEqual(rs.map((r) => [r.status, r.region, r.errorCode]), [['ERROR', 'global', 'NoRegionScanned']]);
});

test('a check with nothing to judge is NOT_APPLICABLE; an inaccessible account is ERROR for every check', () => {
  const rs = run({ regions: ['us-east-1'], regional: { 'us-east-1': { 'ec2.ebsEncryptionByDefault': ok(false) } }, global: { 'iam.passwordPolicy': ok(null) } });
  assert.equal(rs.find((r) => r.checkId === accountWide.id)?.status, 'NOT_APPLICABLE');
  const denied = run({ accessError: { code: 'AccessDenied', message: 'AssumeRole denied' } });
  assert.deepEqual(denied.map((r) => [r.checkId, r.status, r.errorCode]), [
    [perRegion.id, 'ERROR', 'AccessDenied'],
    [accountWide.id, 'ERROR', 'AccessDenied'],
  ]);
});
