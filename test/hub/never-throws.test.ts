import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeAsff } from '../../src/hub/asff.ts';
import { parseEvents } from '../../src/hub/events.ts';
import { normalizeGuardDuty } from '../../src/hub/guardduty-finding.ts';
import { normalizeOcsf } from '../../src/hub/ocsf-finding.ts';
import { event, guardDutyPortProbe, iamRootMfaControl, inspectorFinding, ocsfGuardDutyPortProbe, ocsfIamRootMfa, prowlerFinding } from './fixtures.ts';

// A small deterministic generator, so a failure can be replayed.
function random(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}

const ODD_VALUES: unknown[] = [null, undefined, '', ' ', 0, -1, 1e20, Number.MAX_SAFE_INTEGER, 2.5, true, [], [null], {}, { Id: 1 }, '\u001b[2J', 'x'.repeat(5000), '2024-02-30T00:00:00Z', '__proto__', ['a', 1]];

/** Replaces values at random paths of a clone of `doc`. */
function mutate(doc: unknown, next: () => number): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  for (let n = 1 + Math.floor(next() * 3); n > 0; n--) {
    let node: Record<string, unknown> = copy;
    for (;;) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = keys[Math.floor(next() * keys.length)]!;
      const child = node[key];
      if (child && typeof child === 'object' && next() < 0.6) {
        node = child as Record<string, unknown>;
        continue;
      }
      node[key] = structuredClone(ODD_VALUES[Math.floor(next() * ODD_VALUES.length)]);
      break;
    }
  }
  return copy;
}

test('no document, however malformed, makes a normalizer or parseEvents throw', () => {
  const next = random(20240502);
  const cases: [unknown, (doc: unknown) => { ok: boolean }][] = [
    [iamRootMfaControl('us-east-1'), (d) => normalizeAsff(d, { origin: 'securityhub' })],
    [inspectorFinding(), (d) => normalizeAsff(d, { origin: 'securityhub' })],
    [prowlerFinding(), (d) => normalizeAsff(d, { origin: 'asff-file' })],
    [guardDutyPortProbe(), (d) => normalizeGuardDuty(d, { origin: 'guardduty' })],
    [ocsfIamRootMfa('us-east-1'), (d) => normalizeOcsf(d, { origin: 'securityhub' })],
    [ocsfGuardDutyPortProbe(), (d) => normalizeOcsf(d, { origin: 'securityhub' })],
    [event('aws.securityhub', 'Security Hub Findings - Imported', { findings: [inspectorFinding()] }), (d) => ({ ok: parseEvents(d).results.every((r) => r.ok) })],
    [event('aws.guardduty', 'GuardDuty Finding', guardDutyPortProbe()), (d) => ({ ok: parseEvents(d).results.every((r) => r.ok) })],
  ];
  let refused = 0;
  for (const [doc, normalize] of cases) {
    for (let i = 0; i < 300; i++) {
      const bad = mutate(doc, next);
      let result: { ok: boolean; reason?: string };
      try {
        result = normalize(bad);
      } catch (err) {
        assert.fail(`${String(err)} on ${JSON.stringify(bad).slice(0, 300)}`);
      }
      if (!result.ok) refused++;
      if ('reason' in result) assert.equal(typeof result.reason, 'string');
    }
  }
  assert.ok(refused > 1000, `only ${refused} mutations were refused`);
});
