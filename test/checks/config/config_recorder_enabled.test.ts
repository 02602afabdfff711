import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/config/config_recorder_enabled.ts';
import type { ConfigRecorders } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

type Recorder = ConfigRecorders['recorders'][number];
type Status = ConfigRecorders['statuses'][number];

const RECORDER: Recorder = {
  name: 'default',
  roleARN: 'arn:aws:iam::111111111111:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
  recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
};
const STATUS: Status = { name: 'default', recording: true, lastStatus: 'Success' };

function run(recorders: Recorder[], statuses: Status[]) {
  return runCheck(check, { regional: { 'eu-west-1': { 'config.recorders': ok({ recorders, statuses }) } } })[0];
}

describe('config_recorder_enabled', () => {
  it('passes a recorder recording everything', () => {
    const r = run([RECORDER], [STATUS]);
    assert.equal(r?.status, 'PASS');
    assert.equal(r?.region, 'eu-west-1');
    assert.equal(r?.resourceId, '111111111111');
  });

  it('passes a recorder that has just started (Pending)', () => {
    assert.equal(run([RECORDER], [{ ...STATUS, lastStatus: 'Pending' }])?.status, 'PASS');
  });

  it('fails a region without recorders', () => {
    const r = run([], []);
    assert.equal(r?.status, 'FAIL');
    assert.equal(r?.reason, 'no AWS Config recorder in eu-west-1');
  });

  const failing: [string, Recorder, Status | undefined, string][] = [
    ['selected resource types only', { ...RECORDER, recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::EC2::Instance'] } }, STATUS,
      'does not record all supported resource types, does not include global resource types'],
    ['no global resource types', { ...RECORDER, recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } }, STATUS, 'does not include global resource types'],
    ['stopped', RECORDER, { ...STATUS, recording: false }, 'is not recording'],
    ['failing delivery', RECORDER, { ...STATUS, lastStatus: 'Failure', lastErrorCode: 'AccessDenied' }, 'last delivery failed (AccessDenied)'],
    ['failing delivery, upper case', RECORDER, { ...STATUS, lastStatus: 'FAILURE' as Status['lastStatus'] }, 'last delivery failed'],
  ];
  for (const [name, recorder, status, detail] of failing) {
    it(`fails a recorder with ${name}`, () => {
      const r = run([recorder], status ? [status] : []);
      assert.equal(r?.status, 'FAIL');
      assert.equal(r?.reason, `AWS Config is not fully enabled in eu-west-1: recorder \`default\` ${detail}`);
    });
  }

  it('is ERROR IncompleteData for a recorder without a status row, naming it', () => {
    const r = run([RECORDER], [{ ...STATUS, name: 'other' }]);
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'IncompleteData');
    assert.equal(r?.reason, 'recorder `default` in eu-west-1: DescribeConfigurationRecorderStatus gave no status for it');
  });

  it('is ERROR IncompleteData for a status row without a recording value', () => {
    const r = run([RECORDER], [{ name: 'default', lastStatus: 'Success' }]);
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'IncompleteData');
    assert.equal(r?.reason, 'recorder `default` in eu-west-1: DescribeConfigurationRecorderStatus gave no recording value');
  });

  it('a known gap of the recorder still fails when its status is missing', () => {
    const r = run([{ ...RECORDER, recordingGroup: { allSupported: true, includeGlobalResourceTypes: false } }], []);
    assert.equal(r?.status, 'FAIL');
    assert.equal(r?.reason, 'AWS Config is not fully enabled in eu-west-1: recorder `default` does not include global resource types');
  });

  it('a good recorder passes even if another has no status', () => {
    const r = run([{ ...RECORDER, name: 'second' }, RECORDER], [STATUS]);
    assert.equal(r?.status, 'PASS');
    assert.match(r?.reason ?? '', /recorder `default`/);
  });

  it('is ERROR, not FAIL, when the only recorder that could qualify has no status', () => {
    const broken: Recorder = { ...RECORDER, name: 'broken', recordingGroup: { allSupported: false, includeGlobalResourceTypes: true } };
    const r = run([broken, RECORDER], [{ ...STATUS, name: 'broken' }]);
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'IncompleteData');
  });

  it('matches statuses to recorders by name', () => {
    const other: Recorder = { ...RECORDER, name: 'second' };
    const r = run([RECORDER, other], [{ ...STATUS, recording: false }, { ...STATUS, name: 'second' }]);
    assert.equal(r?.status, 'PASS');
    assert.match(r?.reason ?? '', /recorder `second`/);
  });

  it('returns ERROR with the AWS code when recorders could not be collected', () => {
    const [r] = runCheck(check, { regional: { 'eu-west-1': { 'config.recorders': failed('AccessDeniedException') } } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AccessDeniedException');
  });
});
