import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseEvents, type EventResult } from '../../src/hub/events.ts';
import {
  ACCOUNT,
  DETECTOR,
  event,
  guardDutyPortProbe,
  guardDutyPortProbeAsff,
  iamRootMfaControl,
  inspectorFinding,
  ocsfIamRootMfa,
} from './fixtures.ts';

const securityHub = (finding: unknown) =>
  event('aws.securityhub', 'Security Hub Findings - Imported', { findings: [finding] }, {
    resources: [`arn:aws:securityhub:us-east-1::product/aws/guardduty/arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}/finding/32c3da20b4a8e7cc262e2b21a35f5c04`],
  });
const guardDuty = (finding: unknown) => event('aws.guardduty', 'GuardDuty Finding', finding);
const v2 = (finding: unknown) =>
  event('aws.securityhub', 'Findings Imported V2', { findings: [finding] }, { resources: ['e51603d1054aad9d9f498d82d6e81acf4cf6bc88140e8ad2273123c73b81084'] });

function one(body: unknown): EventResult {
  const { results } = parseEvents(body);
  assert.equal(results.length, 1);
  return results[0]!;
}

function failure(body: unknown): string {
  const r = one(body);
  assert.equal(r.ok, false);
  return (r as { reason: string }).reason;
}

test('the three supported events become findings with origin eventbridge', () => {
  const { results } = parseEvents([securityHub(guardDutyPortProbeAsff()), guardDuty(guardDutyPortProbe()), v2(ocsfIamRootMfa('eu-west-1'))]);
  assert.deepEqual(results.map((r) => [r.index, r.ok]), [[0, true], [1, true], [2, true]]);
  const [hub, gd, ocsf] = results.map((r) => (r.ok ? r.findings : []));
  assert.equal(hub!.length, 1);
  assert.equal(hub![0]!.origin, 'eventbridge');
  assert.equal(hub![0]!.raw?.format, 'asff');
  assert.equal(gd![0]!.raw?.format, 'guardduty');
  assert.equal(ocsf![0]!.raw?.format, 'ocsf');
  // The GuardDuty finding through Security Hub's event and through GuardDuty's event is one finding.
  assert.equal(hub![0]!.id, gd![0]!.id);
  assert.equal(ocsf![0]!.checkId, 'IAM.6');
  assert.equal((results[0] as { eventId: string }).eventId, '1a1111a1-b22b-3c33-444d-5555e5ee5555');
});

test('one event on its own is accepted as well as a batch', () => {
  const r = one(securityHub(iamRootMfaControl('us-east-1')));
  assert.ok(r.ok);
  assert.equal(r.findings[0]!.region, 'global');
  assert.deepEqual(parseEvents([]).results, []);
});

test('a bad event in a batch is refused with its index; the others still go through', () => {
  const { results } = parseEvents([
    securityHub(inspectorFinding()),
    securityHub({ ...inspectorFinding(), Resources: [{ Type: 'AwsEc2Instance' }] }),
    guardDuty(guardDutyPortProbe()),
  ]);
  assert.deepEqual(results.map((r) => r.ok), [true, false, true]);
  assert.deepEqual(results[1], { index: 1, ok: false, reason: 'detail.findings[0]: Resources[0].Id is missing' });
});

test('unsupported and mismatched detail-types are refused', () => {
  assert.equal(
    failure(event('aws.securityhub', 'Security Hub Findings - Custom Action', { actionName: 'send', findings: [inspectorFinding()] })),
    "detail-type 'Security Hub Findings - Custom Action' is not supported (supported: 'Security Hub Findings - Imported', 'Findings Imported V2', 'GuardDuty Finding')",
  );
  assert.match(failure(event('aws.guardduty', 'GuardDuty Runtime Protection Unhealthy', {})), /^detail-type 'GuardDuty Runtime Protection Unhealthy' is not supported/);
  assert.equal(
    failure(event('aws.securityhub', 'GuardDuty Finding', guardDutyPortProbe())),
    "detail-type 'GuardDuty Finding' comes from source aws.guardduty, not 'aws.securityhub'",
  );
  assert.equal(
    failure(event('my.app', 'Security Hub Findings - Imported', { findings: [inspectorFinding()] })),
    "detail-type 'Security Hub Findings - Imported' comes from source aws.securityhub, not 'my.app'",
  );
  assert.match(failure(event('aws.securityhub', 'constructor', {})), /^detail-type 'constructor' is not supported/);
});

test('a malformed envelope or detail is refused with the field', () => {
  assert.equal(failure('{"version":"0"}'), 'event must be an object');
  assert.equal(failure(null), 'event must be an object');
  const { 'detail-type': _, ...noType } = securityHub(inspectorFinding());
  assert.equal(failure(noType), 'detail-type is missing');
  assert.equal(failure({ ...securityHub(inspectorFinding()), account: '12' }), "account '12' is not a 12-digit account id");
  assert.equal(failure({ ...securityHub(inspectorFinding()), time: 'now' }), "time 'now' is not an ISO-8601 date-time");
  assert.equal(failure({ ...securityHub(inspectorFinding()), detail: [] }), 'detail must be an object');
  assert.equal(failure(event('aws.securityhub', 'Security Hub Findings - Imported', {})), 'detail.findings is missing');
  assert.equal(failure(event('aws.securityhub', 'Security Hub Findings - Imported', { findings: [] })), 'detail.findings is empty');
  assert.equal(failure(event('aws.securityhub', 'Findings Imported V2', { findings: {} })), 'detail.findings must be an array');
  assert.equal(failure(guardDuty({ ...guardDutyPortProbe(), severity: 'HIGH' })), 'detail: severity must be a number');
  assert.equal(failure(v2({ ...ocsfIamRootMfa('us-east-1'), class_uid: 1001 })), "detail.findings[0]: class_uid '1001' is not a class of the Findings category (2xxx)");
  // An ASFF finding sent with the V2 detail-type is not an OCSF finding.
  assert.match(failure(v2(inspectorFinding())), /^detail\.findings\[0\]: class_uid is missing/);
});
