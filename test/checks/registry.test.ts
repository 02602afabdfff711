import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadChecks } from '../../src/checks/registry.ts';
import { SEVERITIES } from '../../src/findings/model.ts';
import { FRAMEWORKS } from '../../src/frameworks/index.ts';
import { COLLECTORS } from '../../src/collect/registry.ts';

test('every check a framework names exists, and every check is used by a framework', async () => {
  const checks = await loadChecks();
  const named = new Set(FRAMEWORKS.flatMap((f) => f.requirements.flatMap((r) => r.checks)));
  for (const id of named) assert.ok(checks.has(id), `framework names missing check ${id}`);
  for (const id of checks.keys()) assert.ok(named.has(id), `check ${id} is in no framework`);
});

test('checks carry complete metadata and read only datasets some collector produces', async () => {
  const produced = new Set(COLLECTORS.flatMap((c) => c.datasets));
  for (const check of (await loadChecks()).values()) {
    assert.match(check.id, /^[a-z0-9]+(_[a-z0-9]+)+$/, `${check.id} is not snake_case`);
    assert.ok(check.title.length > 0 && check.remediation.length > 0, `${check.id} lacks title or remediation`);
    assert.ok(SEVERITIES.includes(check.severity), `${check.id} severity ${check.severity}`);
    assert.ok(check.reads.length > 0, `${check.id} reads nothing`);
    for (const d of check.reads) assert.ok(produced.has(d), `${check.id} reads ${d}, which no collector produces`);
  }
});

test('framework requirement ids are unique and counts match the benchmark', () => {
  const expected: Record<string, number> = { 'cis-aws-3.0.0': 62, 'cis-aws-1.4.0': 58 };
  for (const f of FRAMEWORKS) {
    const ids = f.requirements.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length, `${f.id} has duplicate requirement ids`);
    assert.equal(ids.length, expected[f.id]);
  }
});
