import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/iam/iam_no_expired_server_certificates.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { daysAgo } from './fixtures.ts';

const cert = (name: string, expiration?: string) => ({
  Path: '/',
  ServerCertificateName: name,
  ServerCertificateId: `ASCA${name.toUpperCase()}`,
  Arn: `arn:aws:iam::111111111111:server-certificate/${name}`,
  ...(expiration ? { Expiration: expiration } : {}),
});

test('one result per certificate: expired FAIL, valid PASS, no date ERROR', () => {
  const results = runCheck(check, {
    global: { 'iam.serverCertificates': ok([cert('old', daysAgo(10)), cert('new', daysAgo(-30)), cert('odd')]) },
  });
  assert.deepEqual(
    results.map((r) => [r.resourceId, r.resourceType, r.status, r.reason]),
    [
      ['arn:aws:iam::111111111111:server-certificate/old', 'AwsIamServerCertificate', 'FAIL', 'certificate `old` expired on 2026-11-10 (10 days ago)'],
      ['arn:aws:iam::111111111111:server-certificate/new', 'AwsIamServerCertificate', 'PASS', 'certificate `new` expires on 2026-12-20'],
      ['arn:aws:iam::111111111111:server-certificate/odd', 'AwsIamServerCertificate', 'ERROR', 'certificate `odd` has no expiration date'],
    ],
  );
});

test('expired an hour ago is expired', () => {
  const [r] = runCheck(check, { global: { 'iam.serverCertificates': ok([cert('edge', daysAgo(0, 1))]) } });
  assert.equal(r?.status, 'FAIL');
});

test('one PASS for the account when no certificate is stored', () => {
  const results = runCheck(check, { global: { 'iam.serverCertificates': ok([]) } });
  assert.deepEqual(results.map((r) => [r.resourceId, r.status, r.reason]), [['111111111111', 'PASS', 'no server certificates are stored in IAM']]);
});

test('ERROR when the certificates could not be listed', () => {
  const [r] = runCheck(check, { global: { 'iam.serverCertificates': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
