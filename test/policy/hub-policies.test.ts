import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { policyActions, policyDocument, type PolicyName } from '../../scripts/scan-actions.ts';

async function shipped(name: PolicyName): Promise<unknown> {
  return JSON.parse(await readFile(new URL(`../../policy/rampart-${name}-policy.json`, import.meta.url), 'utf8'));
}

for (const name of ['import', 'export'] as const) {
  test(`the shipped ${name} policy lists exactly the actions its code calls`, async () => {
    assert.deepEqual(await shipped(name), policyDocument(name, await policyActions(name)), `regenerate with: node scripts/scan-actions.ts ${name} > policy/rampart-${name}-policy.json`);
  });
}

test('the import only reads: Security Hub and GuardDuty findings, their administrators and aggregation, plus the accounts and regions to pull', async () => {
  const actions = await policyActions('import');
  assert.deepEqual(actions.filter((a) => !/^[a-z0-9-]+:(Get|List|Describe)/.test(a) && a !== 'sts:AssumeRole'), []);
  for (const a of ['securityhub:GetFindings', 'securityhub:ListFindingAggregators', 'securityhub:GetFindingAggregator', 'securityhub:ListOrganizationAdminAccounts', 'guardduty:ListFindings', 'guardduty:GetFindings', 'organizations:ListAccounts', 'ec2:DescribeRegions']) {
    assert.ok(actions.includes(a), a);
  }
});

test('the export writes findings to Security Hub and does nothing else', async () => {
  assert.deepEqual(await policyActions('export'), ['securityhub:BatchImportFindings', 'sts:AssumeRole']);
});
