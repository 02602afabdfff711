import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STATUSES, SEVERITIES } from '../../src/findings/model.ts';
import { renderOcsf, type OcsfComplianceFinding } from '../../src/report/ocsf.ts';
import { DEV, PROD, finding, sampleInput } from './fixtures.ts';

function lines(text: string): OcsfComplianceFinding[] {
  assert.ok(text.endsWith('\n'));
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as OcsfComplianceFinding);
}

describe('renderOcsf', () => {
  it('writes one parseable Compliance Finding per finding, for every status', () => {
    const findings = STATUSES.map((status, i) =>
      finding({ checkId: `check_${i}`, accountId: PROD, status, requirements: ['1.4'], ...(status === 'ERROR' ? { errorCode: 'AccessDenied' } : {}) }),
    );
    const out = lines(renderOcsf(sampleInput({ findings })));
    assert.equal(out.length, STATUSES.length);
    for (const [i, o] of out.entries()) {
      const f = findings[i];
      assert.ok(f);
      assert.equal(o.class_uid, 2003);
      assert.equal(o.category_uid, 2);
      assert.equal(o.activity_id, 1);
      assert.equal(o.type_uid, 200301);
      assert.equal(o.severity_id, 4);
      assert.equal(o.status_code, f.status);
      assert.equal(o.status_detail, f.reason);
      assert.equal(o.time, Date.parse('2026-11-20T12:00:00.000Z'));
      assert.equal(o.time_dt, '2026-11-20T12:00:00.000Z');
      assert.equal(o.metadata.version, '1.3.0');
      assert.deepEqual(o.metadata.product, { name: 'Rampart', vendor_name: 'Rampart' });
      assert.equal(o.metadata.event_code, f.checkId);
      assert.equal(o.finding_info.uid, f.id);
      assert.equal(o.finding_info.title, f.title);
      assert.match(o.finding_info.desc, /1\.4: Ensure no 'root' user account access key exists/);
      assert.deepEqual(o.compliance.standards, ['cis-aws-3.0.0']);
      assert.deepEqual(o.compliance.requirements, ['1.4']);
      assert.equal(o.compliance.control, f.checkId);
      assert.equal(o.cloud.provider, 'AWS');
      assert.equal(o.cloud.account.uid, PROD);
      assert.equal(o.cloud.account.name, 'prod');
      assert.equal(o.cloud.region, 'global');
      assert.deepEqual(o.resources, [{ uid: PROD, type: 'AwsAccount', region: 'global', cloud_partition: 'aws' }]);
    }
    const byStatus = Object.fromEntries(out.map((o) => [o.status_code, [o.compliance.status_id, o.compliance.status]]));
    assert.deepEqual(byStatus, {
      PASS: [1, 'Pass'],
      FAIL: [3, 'Fail'],
      MANUAL: [99, 'Manual'],
      NOT_APPLICABLE: [99, 'Not Applicable'],
      ERROR: [99, 'Error'],
    });
    assert.equal(out.find((o) => o.status_code === 'ERROR')?.unmapped?.error_code, 'AccessDenied');
    assert.equal(out.find((o) => o.status_code === 'PASS')?.unmapped?.error_code, undefined);
  });

  it('maps every severity from informational 1 to critical 5', () => {
    const findings = SEVERITIES.map((severity) => finding({ checkId: `c_${severity}`, accountId: DEV, status: 'FAIL', severity }));
    assert.deepEqual(lines(renderOcsf(sampleInput({ findings }))).map((o) => o.severity_id), [1, 2, 3, 4, 5]);
  });

  it('carries remediation when known and region-level resources', () => {
    const f = finding({ checkId: 'vpc_flow_logs_enabled', accountId: PROD, status: 'FAIL', region: 'eu-west-1', resourceType: 'AwsEc2Vpc', resourceId: 'vpc-0abc', remediation: 'Enable flow logs.' });
    const [o] = lines(renderOcsf(sampleInput({ findings: [f, { ...f, remediation: undefined }] })));
    assert.deepEqual(o?.remediation, { desc: 'Enable flow logs.' });
    assert.equal(o?.cloud.region, 'eu-west-1');
    assert.deepEqual(o?.resources[0], { uid: 'vpc-0abc', type: 'AwsEc2Vpc', region: 'eu-west-1', cloud_partition: 'aws' });
    assert.equal(lines(renderOcsf(sampleInput({ findings: [{ ...f, remediation: undefined }] })))[0]?.remediation, undefined);
  });

  it('writes nothing for no findings', () => {
    assert.equal(renderOcsf(sampleInput({ findings: [] })), '');
  });
});
