import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/accessanalyzer/accessanalyzer_enabled_in_region.ts';
import type { RegionalDatasets } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

type Analyzer = RegionalDatasets['accessanalyzer.analyzers'][number];
const analyzer = (name: string, type: Analyzer['type'], status: Analyzer['status']): Analyzer => ({
  arn: `arn:aws:access-analyzer:us-east-1:111111111111:analyzer/${name}`,
  name,
  type,
  status,
  createdAt: '2026-01-01T00:00:00Z',
});

test('one result per region: PASS with an active external-access analyzer, FAIL otherwise, ERROR where listing failed', () => {
  const results = runCheck(check, {
    regional: {
      'us-east-1': { 'accessanalyzer.analyzers': ok([analyzer('org', 'ORGANIZATION', 'ACTIVE')]) },
      'eu-west-1': { 'accessanalyzer.analyzers': ok([analyzer('acct', 'ACCOUNT', 'ACTIVE')]) },
      'eu-central-1': {
        'accessanalyzer.analyzers': ok([analyzer('unused', 'ACCOUNT_UNUSED_ACCESS', 'ACTIVE'), analyzer('new', 'ACCOUNT', 'CREATING')]),
      },
      'ap-south-1': { 'accessanalyzer.analyzers': ok([]) },
      'sa-east-1': { 'accessanalyzer.analyzers': failed('AccessDeniedException') },
    },
  });
  assert.deepEqual(
    results.map((r) => [r.region, r.resourceId, r.status, r.reason, r.errorCode]),
    [
      ['us-east-1', '111111111111', 'PASS', 'active external-access analyzer in us-east-1: `org` (ORGANIZATION)', undefined],
      ['eu-west-1', '111111111111', 'PASS', 'active external-access analyzer in eu-west-1: `acct` (ACCOUNT)', undefined],
      [
        'eu-central-1',
        '111111111111',
        'FAIL',
        'no active ACCOUNT or ORGANIZATION analyzer in eu-central-1 (`unused` is ACCOUNT_UNUSED_ACCESS and ACTIVE; `new` is ACCOUNT and CREATING)',
        undefined,
      ],
      ['ap-south-1', '111111111111', 'FAIL', 'no active ACCOUNT or ORGANIZATION analyzer in ap-south-1', undefined],
      ['sa-east-1', '111111111111', 'ERROR', results[4]?.reason, 'AccessDeniedException'],
    ],
  );
});
