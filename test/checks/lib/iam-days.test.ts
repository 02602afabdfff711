import { test } from 'node:test';
import assert from 'node:assert/strict';
import { day, daysSince } from '../../../src/checks/lib/iam-days.ts';

const now = new Date('2026-11-20T12:00:00Z');

test('ages are whole elapsed days', () => {
  assert.equal(daysSince(new Date('2026-11-19T12:00:01Z'), now), 0);
  assert.equal(daysSince(new Date('2026-11-19T12:00:00Z'), now), 1);
  assert.equal(daysSince(new Date('2026-08-22T12:00:00Z'), now), 90);
  assert.equal(daysSince(new Date('2026-11-21T12:00:00Z'), now), -1);
});

test('day is the UTC calendar date', () => {
  assert.equal(day(new Date('2026-11-20T23:30:00-05:00')), '2026-11-21');
});
