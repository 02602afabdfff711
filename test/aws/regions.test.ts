import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selectRegions } from '../../src/aws/regions.ts';

const all = [
  { name: 'us-east-1', optIn: 'opt-in-not-required' },
  { name: 'eu-west-1', optIn: 'opt-in-not-required' },
  { name: 'ap-east-1', optIn: 'not-opted-in' },
  { name: 'me-south-1', optIn: 'opted-in' },
  { name: 'xx-future-1', optIn: 'opt-in-not-required' },
];

test('enabled regions are scanned, not-opted-in ones skipped with a reason, unknown new ones included', () => {
  const r = selectRegions(all, {});
  assert.deepEqual(r.scanned, ['eu-west-1', 'me-south-1', 'us-east-1', 'xx-future-1']);
  assert.deepEqual(r.skipped, [{ region: 'ap-east-1', reason: 'opt-in region not enabled for this account' }]);
  assert.equal(r.known.length, 5);
});

test('include and exclude narrow the enabled set', () => {
  assert.deepEqual(selectRegions(all, { include: ['us-east-1', 'ap-east-1'] }).scanned, ['us-east-1']);
  assert.deepEqual(selectRegions(all, { include: ['us-east-1', 'ap-east-1'] }).skipped.map((s) => s.region), ['ap-east-1']);
  assert.deepEqual(selectRegions(all, { exclude: ['us-east-1', 'xx-future-1'] }).scanned, ['eu-west-1', 'me-south-1']);
  assert.deepEqual(selectRegions(all, { include: ['us-east-1'] }).enabled, ['eu-west-1', 'me-south-1', 'us-east-1', 'xx-future-1'], 'enabled is before the filter');
});
