import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AccountInventory } from '../../src/collect/inventory.ts';
import { generateOrganization } from '../../src/sample/index.ts';

const REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'eu-central-1', 'eu-north-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-south-1', 'sa-east-1',
];

/** Items in every list-valued dataset plus buckets and credential-report rows: the account's resources. */
function resourceCount(a: AccountInventory): number {
  let n = 0;
  for (const datasets of Object.values(a.regional)) {
    for (const c of Object.values(datasets)) if (c?.ok && Array.isArray(c.data)) n += c.data.length;
  }
  const buckets = a.global['s3.buckets'];
  const report = a.global['iam.credentialReport'];
  return n + (buckets?.ok ? buckets.data.length : 0) + (report?.ok ? report.data.rows.length : 0);
}

it('generates 200 accounts × 16 regions with hundreds, not thousands, of resources per account', () => {
  const org = generateOrganization({ accounts: 200, regions: REGIONS, seed: 7, collectedAt: '2026-11-20T06:00:00.000Z' });
  assert.equal(org.inventory.accounts.length, 200);
  assert.equal(org.organization.accounts.length, 201);
  assert.equal(new Set(org.organization.accounts.map((a) => a.Id)).size, 201);
  for (const a of org.inventory.accounts) {
    assert.equal(Object.keys(a.regional).length, 16);
    const n = resourceCount(a);
    assert.ok(n >= 60 && n <= 1000, `${a.name}: ${n} resources`);
  }
  const total = org.inventory.accounts.reduce((sum, a) => sum + resourceCount(a), 0);
  assert.ok(total <= 200 * 400, `${total} resources in total`);
});
