import { buildOrganization, regionPlan, ROOT } from './organization.ts';
import type { AccountPlan, SampleOrganization } from './types.ts';

export const SAMPLE_COLLECTED_AT = '2026-11-20T06:00:00.000Z';
export const SAMPLE_REGIONS = ['us-east-1', 'eu-west-1', 'ap-northeast-1'];
export const SAMPLE_SEED = 20261120;

const account = (id: string, name: string, rest: Omit<AccountPlan, 'id' | 'name' | 'email' | 'status' | 'faults'> & Partial<Pick<AccountPlan, 'status' | 'faults'>>): AccountPlan => ({
  id,
  name,
  email: `aws+${name}@acme.example`,
  status: 'ACTIVE',
  faults: {},
  ...rest,
});

/**
 * The demo organization shipped in examples/: four accounts from well-run to neglected, one suspended,
 * in OUs as organizations usually arrange them (the management account stays in the root).
 */
export function sampleOrganization(): SampleOrganization {
  return buildOrganization({
    seed: SAMPLE_SEED,
    collectedAt: SAMPLE_COLLECTED_AT,
    scanned: [...SAMPLE_REGIONS],
    ...regionPlan(SAMPLE_REGIONS),
    accounts: [
      account('111111111111', 'acme-management', { profile: 'management', homeRegion: 'us-east-1', workloadRegions: ['us-east-1'] }),
      account('222222222222', 'acme-prod', { profile: 'prod', homeRegion: 'eu-west-1', workloadRegions: ['eu-west-1', 'us-east-1'] }),
      account('333333333333', 'acme-dev', {
        profile: 'dev',
        homeRegion: 'us-east-1',
        workloadRegions: ['us-east-1', 'ap-northeast-1'],
        faults: { configDeniedRegion: 'ap-northeast-1' },
      }),
      account('444444444444', 'acme-sandbox', {
        profile: 'sandbox',
        homeRegion: 'ap-northeast-1',
        workloadRegions: ['ap-northeast-1'],
        faults: { bucketAclDenied: true },
      }),
      account('555555555555', 'acme-legacy', { profile: 'sandbox', status: 'SUSPENDED', homeRegion: 'us-east-1', workloadRegions: ['us-east-1'] }),
    ],
    ous: [
      { id: 'ou-acme-workloads', name: 'Workloads', parentId: ROOT.id },
      { id: 'ou-acme-prod', name: 'Prod', parentId: 'ou-acme-workloads' },
      { id: 'ou-acme-dev', name: 'Dev', parentId: 'ou-acme-workloads' },
      { id: 'ou-acme-sandbox', name: 'Sandbox', parentId: ROOT.id },
      { id: 'ou-acme-suspended', name: 'Suspended', parentId: ROOT.id },
    ],
    placement: { '222222222222': 'ou-acme-prod', '333333333333': 'ou-acme-dev', '444444444444': 'ou-acme-sandbox', '555555555555': 'ou-acme-suspended' },
  });
}
