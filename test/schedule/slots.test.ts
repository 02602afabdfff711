import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Slots, wallClock } from '../../src/schedule/slots.ts';

const iso = (d: Date | undefined) => d?.toISOString();

describe('schedule slots', () => {
  it('follows the time zone across DST: Europe/Berlin at 02:30 runs at 03:00 in the spring gap and once when autumn repeats 02:30', () => {
    const daily = new Slots('30 2 * * *', 'Europe/Berlin');
    assert.equal(iso(daily.next(new Date('2026-03-27T12:00:00Z'))), '2026-03-28T01:30:00.000Z');
    assert.equal(iso(daily.next(new Date('2026-03-28T01:30:00Z'))), '2026-03-29T01:00:00.000Z');
    assert.equal(iso(daily.next(new Date('2026-03-29T01:00:00Z'))), '2026-03-30T00:30:00.000Z');
    assert.equal(iso(daily.next(new Date('2026-10-24T12:00:00Z'))), '2026-10-25T00:30:00.000Z');
    assert.equal(iso(daily.next(new Date('2026-10-25T00:30:00Z'))), '2026-10-26T01:30:00.000Z');
    assert.equal(wallClock(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin'), '2026-03-29 03:00');
    assert.equal(wallClock(new Date('2026-10-26T01:30:00Z'), 'Europe/Berlin'), '2026-10-26 02:30');
  });

  it('runs an hourly job in both repeats of the autumn hour', () => {
    const hourly = new Slots('30 * * * *', 'Europe/Berlin');
    let at = new Date('2026-10-24T23:00:00Z');
    const runs: string[] = [];
    for (let i = 0; i < 4; i++) runs.push(wallClock((at = hourly.next(at)!), 'Europe/Berlin'));
    assert.deepEqual(runs, ['2026-10-25 01:30', '2026-10-25 02:30', '2026-10-25 02:30', '2026-10-25 03:30']);
  });

  it('finds the latest slot at or before a time, the slot itself included', () => {
    const weekdays = new Slots('0 9 * * 1-5', 'Europe/Berlin');
    // Sunday 2026-11-29: the latest is Friday 09:00 CET.
    assert.equal(iso(weekdays.last(new Date('2026-11-29T12:00:00Z'))), '2026-11-27T08:00:00.000Z');
    assert.equal(iso(weekdays.last(new Date('2026-11-27T08:00:00Z'))), '2026-11-27T08:00:00.000Z');
    assert.equal(iso(weekdays.last(new Date('2026-11-27T07:59:59.999Z'))), '2026-11-26T08:00:00.000Z');
  });
});
