import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLLECTORS } from '../../src/collect/registry.ts';
import type { DatasetKey, GlobalDatasets, RegionalDatasets } from '../../src/collect/inventory.ts';

// Every key of the inventory contract; a key added there without a collector fails this test.
const GLOBAL_KEYS: Record<keyof GlobalDatasets, true> = {
  'iam.credentialReport': true,
  'iam.accountSummary': true,
  'iam.passwordPolicy': true,
  'iam.virtualMfaDevices': true,
  'iam.attachedPolicies': true,
  'iam.userPolicies': true,
  'iam.policyEntities': true,
  'iam.serverCertificates': true,
  'account.securityContact': true,
  's3.buckets': true,
  's3control.publicAccessBlock': true,
  'cloudtrail.trailDetails': true,
  'monitoring.chain': true,
};
const REGIONAL_KEYS: Record<keyof RegionalDatasets, true> = {
  'cloudtrail.trails': true,
  'config.recorders': true,
  'accessanalyzer.analyzers': true,
  'securityhub.hub': true,
  'guardduty.detectors': true,
  'kms.keys': true,
  'ec2.ebsEncryptionByDefault': true,
  'ec2.vpcs': true,
  'ec2.flowLogs': true,
  'ec2.securityGroups': true,
  'ec2.networkAcls': true,
  'ec2.instances': true,
  'rds.instances': true,
  'efs.fileSystems': true,
};

test('every dataset is produced by exactly one collector, in the right phase', () => {
  const producer = new Map<DatasetKey, string>();
  for (const collector of COLLECTORS) {
    for (const key of collector.datasets) {
      assert.equal(producer.get(key), undefined, `${key} produced twice`);
      producer.set(key, collector.id);
      const regional = key in REGIONAL_KEYS;
      assert.equal(collector.phase === 'regional', regional, `${key} in phase ${collector.phase}`);
    }
  }
  assert.deepEqual([...producer.keys()].sort(), [...Object.keys(GLOBAL_KEYS), ...Object.keys(REGIONAL_KEYS)].sort());
});

test('collector ids are unique and final collectors come after what they need', () => {
  assert.equal(new Set(COLLECTORS.map((c) => c.id)).size, COLLECTORS.length);
  const available = new Set<DatasetKey>();
  for (const collector of COLLECTORS) {
    if (collector.phase === 'final') {
      for (const need of collector.needs) assert.ok(available.has(need), `${collector.id} needs ${need} before it`);
    }
    for (const key of collector.datasets) available.add(key);
  }
});
