import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressFor } from '../../src/cli/progress.ts';

function fakeStream(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, stream: { isTTY, write: (s: string) => (lines.push(s), true) } as unknown as NodeJS.WriteStream };
}

test('off a terminal, progress is plain lines every 5 % with the error count', () => {
  const { lines, stream } = fakeStream(false);
  const p = progressFor(stream, true)!;
  p.expect(100);
  for (let i = 1; i <= 100; i++) p.done(1, i >= 50 ? 2 : 0, `acct ${i}`);
  p.stop();
  assert.equal(lines.length, 21);
  assert.equal(lines[0], 'progress: 1/100 account-regions, 0 errors\n');
  assert.equal(lines.at(-1), 'progress: 100/100 account-regions, 2 errors\n');
  assert.ok(lines.every((l) => /^progress: \d+\/100 account-regions, \d+ errors\n$/.test(l)));
});

test('the total grows as accounts report their regions, and --no-progress prints nothing', () => {
  const { lines, stream } = fakeStream(false);
  const p = progressFor(stream, true)!;
  p.expect(10);
  p.expect(6);
  p.done(16, 0, 'all');
  assert.equal(lines.at(-1), 'progress: 16/16 account-regions, 0 errors\n');
  assert.equal(progressFor(stream, false), undefined);
});
