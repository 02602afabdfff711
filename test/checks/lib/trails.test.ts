import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { evaluateAccount } from '../../../src/checks/evaluate.ts';
import {
  logsAllManagementEvents,
  logsS3ObjectEvents,
  type TrailSelectors,
} from '../../../src/checks/lib/trails.ts';
import { DEFAULT_CHECK_OPTIONS, type Check } from '../../../src/checks/types.ts';
import type { AccountInventory } from '../../../src/collect/inventory.ts';
import { accountInventory, failed, ok, runCheck, TEST_NOW } from '../../support/checks.ts';
import { REGIONS, trailAccount } from './trail-fixtures.ts';

function sel(s: Partial<TrailSelectors>): TrailSelectors {
  return { eventSelectors: [], advancedEventSelectors: [], ...s };
}

type Field = NonNullable<TrailSelectors['advancedEventSelectors'][number]['FieldSelectors']>[number];
const adv = (...fields: Field[]) => sel({ advancedEventSelectors: [{ Name: 'x', FieldSelectors: fields }] });
const S3_DATA: Field[] = [
  { Field: 'eventCategory', Equals: ['Data'] },
  { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
];

describe('logsAllManagementEvents', () => {
  it('accepts a basic selector with management events, read and write', () => {
    assert.ok(logsAllManagementEvents(sel({ eventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }] })));
  });

  it('rejects write-only, read-only or excluded management events', () => {
    assert.ok(!logsAllManagementEvents(sel({ eventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'WriteOnly' }] })));
    assert.ok(!logsAllManagementEvents(sel({ eventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'ReadOnly' }] })));
    assert.ok(!logsAllManagementEvents(sel({ eventSelectors: [{ IncludeManagementEvents: false, ReadWriteType: 'All' }] })));
    assert.ok(!logsAllManagementEvents(sel({})));
  });

  it('accepts an advanced Management selector without readOnly', () => {
    assert.ok(logsAllManagementEvents(adv({ Field: 'eventCategory', Equals: ['Management'] })));
  });

  it('rejects an advanced Management selector restricted by readOnly', () => {
    assert.ok(!logsAllManagementEvents(adv({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] })));
    assert.ok(!logsAllManagementEvents(adv({ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] })));
  });

  it('rejects advanced selectors for data events only', () => {
    assert.ok(!logsAllManagementEvents(adv(...S3_DATA)));
  });
});

describe('logsS3ObjectEvents', () => {
  const basic = (ReadWriteType: string, values: string[]) =>
    sel({ eventSelectors: [{ ReadWriteType: ReadWriteType as 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: values }] }] });

  it('basic selectors: the direction follows ReadWriteType', () => {
    assert.ok(logsS3ObjectEvents(basic('All', ['arn:aws:s3']), 'write', 'aws'));
    assert.ok(logsS3ObjectEvents(basic('All', ['arn:aws:s3:::']), 'read', 'aws'));
    assert.ok(logsS3ObjectEvents(basic('WriteOnly', ['arn:aws:s3']), 'write', 'aws'));
    assert.ok(!logsS3ObjectEvents(basic('WriteOnly', ['arn:aws:s3']), 'read', 'aws'));
    assert.ok(logsS3ObjectEvents(basic('ReadOnly', ['arn:aws:s3']), 'read', 'aws'));
    assert.ok(!logsS3ObjectEvents(basic('ReadOnly', ['arn:aws:s3']), 'write', 'aws'));
  });

  it('basic selectors: only all buckets count, in the account partition', () => {
    assert.ok(!logsS3ObjectEvents(basic('All', ['arn:aws:s3:::one-bucket/']), 'write', 'aws'));
    assert.ok(!logsS3ObjectEvents(basic('All', ['arn:aws:s3']), 'write', 'aws-cn'));
    assert.ok(logsS3ObjectEvents(basic('All', ['arn:aws-cn:s3']), 'write', 'aws-cn'));
  });

  it('basic selectors: other data resource types do not count', () => {
    const lambda = sel({ eventSelectors: [{ ReadWriteType: 'All', DataResources: [{ Type: 'AWS::Lambda::Function', Values: ['arn:aws:lambda'] }] }] });
    assert.ok(!logsS3ObjectEvents(lambda, 'write', 'aws'));
  });

  it('advanced selectors: S3 object data events without readOnly log both directions', () => {
    assert.ok(logsS3ObjectEvents(adv(...S3_DATA), 'write', 'aws'));
    assert.ok(logsS3ObjectEvents(adv(...S3_DATA), 'read', 'aws'));
  });

  it('advanced selectors: readOnly true excludes writes, readOnly false excludes reads', () => {
    const readsOnly = adv(...S3_DATA, { Field: 'readOnly', Equals: ['true'] });
    assert.ok(!logsS3ObjectEvents(readsOnly, 'write', 'aws'));
    assert.ok(logsS3ObjectEvents(readsOnly, 'read', 'aws'));
    const writesOnly = adv(...S3_DATA, { Field: 'readOnly', Equals: ['false'] });
    assert.ok(logsS3ObjectEvents(writesOnly, 'write', 'aws'));
    assert.ok(!logsS3ObjectEvents(writesOnly, 'read', 'aws'));
    assert.ok(!logsS3ObjectEvents(adv(...S3_DATA, { Field: 'readOnly', NotEquals: ['false'] }), 'write', 'aws'));
  });

  it('advanced selectors: naming buckets is not all buckets, excluding a few is', () => {
    assert.ok(!logsS3ObjectEvents(adv(...S3_DATA, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::prod-data/'] }), 'write', 'aws'));
    assert.ok(logsS3ObjectEvents(adv(...S3_DATA, { Field: 'resources.ARN', StartsWith: ['arn:aws:s3:::'] }), 'write', 'aws'));
    assert.ok(logsS3ObjectEvents(adv(...S3_DATA, { Field: 'resources.ARN', NotStartsWith: ['arn:aws:s3:::trail-logs/'] }), 'write', 'aws'));
  });

  it('advanced selectors: narrowing by event name does not count', () => {
    assert.ok(!logsS3ObjectEvents(adv(...S3_DATA, { Field: 'eventName', Equals: ['PutObject'] }), 'write', 'aws'));
  });

  it('advanced selectors: other categories or types do not count', () => {
    assert.ok(!logsS3ObjectEvents(adv({ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::DynamoDB::Table'] }), 'write', 'aws'));
    assert.ok(!logsS3ObjectEvents(adv({ Field: 'eventCategory', Equals: ['Management'] }), 'write', 'aws'));
  });
});

async function trailChecks(): Promise<Check[]> {
  const checks: Check[] = [];
  for (const folder of ['cloudtrail', 'monitoring']) {
    const dir = new URL(`../../../src/checks/${folder}/`, import.meta.url);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
      checks.push(((await import(new URL(file, dir).href)) as { default: Check }).default);
    }
  }
  return checks;
}

const EMPTY_CHAIN = ok({ metricFilters: {}, alarms: {}, topicSubscriptions: {} });

describe('CloudTrail and monitoring checks when no trail list was read', () => {
  it('an account whose scan covered no region is ERROR NoRegionScanned, never FAIL', async () => {
    const checks = await trailChecks();
    assert.equal(checks.length, 23);
    // The inventory a collector without the NoRegionScanned guard wrote: an empty, successful trail set.
    const account: AccountInventory = {
      ...accountInventory(trailAccount({ trails: [], buckets: [], chain: EMPTY_CHAIN })),
      regions: [],
      regional: {},
    };
    for (const check of checks) {
      const results = evaluateAccount([check], account, 'aws', TEST_NOW, DEFAULT_CHECK_OPTIONS);
      assert.deepEqual(results.map((r) => [r.status, r.errorCode]), [['ERROR', 'NoRegionScanned']], check.id);
      assert.match(results[0]!.reason, /no region of the account was scanned/, check.id);
    }
  });

  it('a failed trail dataset (what the collector now stores without regions) is ERROR with its code', async () => {
    for (const check of await trailChecks()) {
      const spec = trailAccount({ trails: [], buckets: [], chain: EMPTY_CHAIN });
      spec.global!['cloudtrail.trailDetails'] = failed('NoRegionScanned');
      const results = runCheck(check, spec);
      assert.deepEqual(results.map((r) => [r.status, r.errorCode]), [['ERROR', 'NoRegionScanned']], check.id);
    }
  });

  it('DescribeTrails failing in every scanned region is ERROR with the listing code, never FAIL', async () => {
    const failedRegions = Object.fromEntries(REGIONS.map((r) => [r, 'AccessDeniedException']));
    for (const check of await trailChecks()) {
      const results = runCheck(check, trailAccount({ trails: [], failedRegions, buckets: [], chain: EMPTY_CHAIN }));
      assert.ok(results.length > 0, check.id);
      for (const r of results) {
        assert.equal(r.status, 'ERROR', `${check.id}: ${r.reason}`);
        assert.equal(r.errorCode, 'AccessDeniedException', check.id);
      }
    }
  });

});
