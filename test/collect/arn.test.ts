import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logGroupName, parseArn } from '../../src/collect/arn.ts';

test('parseArn splits the six fields and keeps colons in the resource', () => {
  assert.deepEqual(parseArn('arn:aws:logs:eu-west-1:111122223333:log-group:trail-logs:*'), {
    partition: 'aws',
    service: 'logs',
    region: 'eu-west-1',
    account: '111122223333',
    resource: 'log-group:trail-logs:*',
  });
  assert.equal(parseArn('PendingConfirmation'), undefined);
  assert.equal(parseArn('urn:a:b:c:d:e'), undefined);
});

test('logGroupName reads the name with or without the trailing :*', () => {
  assert.equal(logGroupName(parseArn('arn:aws:logs:eu-west-1:1:log-group:/aws/cloudtrail/main:*')!), '/aws/cloudtrail/main');
  assert.equal(logGroupName(parseArn('arn:aws:logs:eu-west-1:1:log-group:plain')!), 'plain');
  assert.equal(logGroupName(parseArn('arn:aws:logs:eu-west-1:1:destination:x')!), undefined);
});
