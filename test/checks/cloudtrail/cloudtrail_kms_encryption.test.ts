import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/cloudtrail/cloudtrail_kms_encryption.ts';
import { runCheck } from '../../support/checks.ts';
import { details, trail, trailAccount } from '../lib/trail-fixtures.ts';

describe('cloudtrail_kms_encryption', () => {
  it('passes for a trail with a KMS key and fails for one without', () => {
    const results = runCheck(check, trailAccount({ trails: [details(trail('a')), details(trail('b', { KmsKeyId: undefined }))] }));
    const byName = Object.fromEntries(results.map((r) => [r.resourceId.split('/').pop(), r]));
    assert.equal(byName.a!.status, 'PASS');
    assert.match(byName.a!.reason, /encrypts its logs with KMS key `arn:aws:kms:/);
    assert.equal(byName.b!.status, 'FAIL');
    assert.equal(byName.b!.reason, 'trail `b` does not encrypt its logs with a KMS key');
  });

  it('fails once without trails, ERROR when listing failed', () => {
    assert.equal(runCheck(check, trailAccount({ trails: [] }))[0]!.status, 'FAIL');
    assert.equal(runCheck(check, trailAccount({ trails: [], failedRegions: { 'us-east-1': 'Throttling' } }))[0]!.status, 'ERROR');
  });
});
