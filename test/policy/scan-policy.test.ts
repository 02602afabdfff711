import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { policyActions, policyModules } from '../../scripts/scan-actions.ts';

const policy = JSON.parse(await readFile(new URL('../../policy/rampart-scan-policy.json', import.meta.url), 'utf8')) as {
  Statement: { Effect: string; Action: string[]; Resource: string }[];
};
const granted = policy.Statement.flatMap((s) => s.Action).sort();

test('the shipped scan policy lists exactly the actions the code calls', async () => {
  const used = await policyActions('scan');
  const missing = used.filter((a) => !granted.includes(a));
  const unused = granted.filter((a) => !used.includes(a));
  assert.deepEqual({ missing, unused }, { missing: [], unused: [] }, 'regenerate with: node scripts/scan-actions.ts > policy/rampart-scan-policy.json');
});

test('the scan loads no importer or exporter, so their actions stay out of its policy', async () => {
  assert.deepEqual((await policyModules('scan')).filter((m) => m.startsWith('hub/')), []);
});

test('the scan is read-only: every action only reads, except assuming the scan role', () => {
  const writes = granted.filter((a) => !/^[a-z0-9-]+:(Get|List|Describe)/.test(a) && a !== 'sts:AssumeRole' && a !== 'iam:GenerateCredentialReport');
  assert.deepEqual(writes, []);
});
