import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.ts';
import { backends, finding, scan } from './support.ts';

for (const backend of backends()) {
  describe(`findings explorer groups (${backend.name})`, () => {
    after(() => backend.cleanup());

    it('counts every group, also those beyond the limit and the one of findings without a value', async () => {
      const store = await openStore(backend.fresh());
      try {
        const findings = [
          finding({ checkId: 'check_without_type', resourceId: 'a' }),
          ...['Recon:EC2/PortProbeUnprotectedPort', 'Recon:EC2/PortProbeUnprotectedPort', 'UnauthorizedAccess:EC2/SSHBruteForce', 'UnauthorizedAccess:EC2/SSHBruteForce', 'Trojan:EC2/DNSDataExfiltration'].map((type, i) =>
            finding({ source: 'guardduty', origin: 'guardduty', checkId: type, type, resourceId: `i-${i}` }),
          ),
        ];
        await store.recordScan(scan('s1', '2026-11-01T06:00:00.000Z'), findings, []);
        assert.deepEqual(await store.dashboard.findingGroups({ status: ['FAIL'] }, 'type', 2), {
          total: 4,
          groups: [
            { key: 'Recon:EC2/PortProbeUnprotectedPort', count: 2 },
            { key: 'UnauthorizedAccess:EC2/SSHBruteForce', count: 2 },
          ],
        });
        assert.deepEqual((await store.dashboard.findingGroups({ status: ['FAIL'] }, 'type', 4)).groups.at(-1), { key: '', count: 1 });
        assert.deepEqual(await store.dashboard.findingGroups({ status: ['FAIL'] }, 'resource', 500), {
          total: 6,
          groups: ['a', 'i-0', 'i-1', 'i-2', 'i-3', 'i-4'].map((key) => ({ key, count: 1 })),
        });
        assert.deepEqual(await store.dashboard.findingGroups({ status: ['PASS'] }, 'account', 10), { total: 0, groups: [] });
      } finally {
        await store.close();
      }
    });
  });
}
