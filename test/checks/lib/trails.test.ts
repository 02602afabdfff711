import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  logsAllManagementEvents,
  logsS3ObjectEvents,
  type TrailSelectors,
} from '../../../src/checks/lib/trails.ts';

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
