import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateOrganization, type GenerateOptions } from '../../src/sample/index.ts';
import { assertConsistent, globalData, regionalData } from './consistency.ts';

const BASE: GenerateOptions = {
  accounts: 12,
  regions: ['us-east-1', 'eu-west-1', 'ap-southeast-2', 'me-south-1'],
  seed: 42,
  collectedAt: '2026-11-20T06:00:00.000Z',
  callerAccountId: '999988887777',
};

describe('generateOrganization', () => {
  it('is deterministic for a seed', () => {
    assert.deepEqual(generateOrganization(BASE), generateOrganization(BASE));
  });

  it('changes with the seed', () => {
    const a = generateOrganization(BASE).inventory.accounts[1];
    const b = generateOrganization({ ...BASE, seed: 43 }).inventory.accounts[1];
    assert.notEqual(a?.accountId, b?.accountId);
    assert.notDeepEqual(a?.global['iam.credentialReport'], b?.global['iam.credentialReport']);
  });

  it('keeps earlier accounts unchanged when more accounts are generated', () => {
    const small = generateOrganization({ ...BASE, accounts: 6 }).inventory.accounts;
    const large = generateOrganization({ ...BASE, accounts: 9 }).inventory.accounts;
    assert.deepEqual(large.slice(0, 6).map((a) => a.accountId), small.map((a) => a.accountId));
    assert.deepEqual(large[3], small[3]);
  });

  it('produces datasets that agree with each other', () => {
    assertConsistent(generateOrganization(BASE));
  });

  it('puts the management account first and lists one suspended account without inventory', () => {
    const org = generateOrganization(BASE);
    assert.equal(org.inventory.accounts.length, 12);
    assert.equal(org.inventory.accounts[0]?.accountId, '999988887777');
    assert.equal(org.inventory.accounts[0]?.name, 'org-management');
    const suspended = org.organization.accounts.filter((a) => a.Status === 'SUSPENDED');
    assert.equal(suspended.length, 1);
    assert.ok(!org.inventory.accounts.some((a) => a.accountId === suspended[0]?.Id));
    assert.equal(org.organization.accounts.length, 13);
  });

  it('derives 12-digit account ids when no caller account is given', () => {
    const org = generateOrganization({ ...BASE, callerAccountId: undefined });
    assert.ok(org.organization.accounts.every((a) => /^\d{12}$/.test(a.Id)));
  });

  it('marks opt-in regions and skips one that is not opted in', () => {
    const org = generateOrganization(BASE);
    assert.deepEqual(org.regions.map((r) => [r.RegionName, r.OptInStatus]), [
      ['us-east-1', 'opt-in-not-required'],
      ['eu-west-1', 'opt-in-not-required'],
      ['ap-southeast-2', 'opt-in-not-required'],
      ['me-south-1', 'opted-in'],
      ['ap-east-1', 'not-opted-in'],
    ]);
    for (const a of org.inventory.accounts) {
      assert.deepEqual(a.regions, [...BASE.regions].sort());
      assert.deepEqual(a.skippedRegions, [{ region: 'ap-east-1', reason: 'opt-in region not enabled for this account' }]);
    }
  });

  it('places the errors as data in every generated organization', () => {
    const org = generateOrganization(BASE);
    const denied = org.inventory.accounts.flatMap((a) =>
      a.regions.filter((r) => a.regional[r]?.['config.recorders']?.ok === false).map((r) => ({ a, r })),
    );
    assert.equal(denied.length, 1);
    const c = denied[0]?.a.regional[denied[0].r]?.['config.recorders'];
    assert.equal(c?.ok === false && c.error.code, 'AccessDenied');
    const aclFailures = org.inventory.accounts.flatMap((a) => globalData(a, 's3.buckets').filter((b) => !b.acl.ok));
    assert.equal(aclFailures.length, 1);
  });

  it('mixes well-run and neglected accounts', () => {
    const org = generateOrganization({ ...BASE, accounts: 30 });
    const rootKeys = org.inventory.accounts.filter((a) => globalData(a, 'iam.accountSummary').AccountAccessKeysPresent === 1);
    const rootMfa = org.inventory.accounts.filter((a) => globalData(a, 'iam.accountSummary').AccountMFAEnabled === 1);
    assert.ok(rootKeys.length > 0 && rootKeys.length < 30, `${rootKeys.length} accounts with root keys`);
    assert.ok(rootMfa.length > 0 && rootMfa.length < 30);
    const management = org.inventory.accounts[0];
    assert.ok(management);
    for (const r of management.regions) {
      assert.equal(regionalData(management, r, 'ec2.ebsEncryptionByDefault'), true);
      assert.ok(regionalData(management, r, 'securityhub.hub'));
    }
  });

  it('rejects bad options with a clear message', () => {
    assert.throws(() => generateOrganization({ ...BASE, accounts: 0 }), /accounts must be an integer ≥ 1/);
    assert.throws(() => generateOrganization({ ...BASE, regions: [] }), /at least one region/);
    assert.throws(() => generateOrganization({ ...BASE, regions: ['us-east-1', 'us-east-1'] }), /duplicates/);
    assert.throws(() => generateOrganization({ ...BASE, collectedAt: 'yesterday' }), /not an ISO date-time/);
    assert.throws(() => generateOrganization({ ...BASE, callerAccountId: '123' }), /12 digits/);
  });
});
