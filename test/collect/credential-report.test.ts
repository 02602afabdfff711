import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CredentialReportExpiredException,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
} from '@aws-sdk/client-iam';
import { fetchCredentialReport, parseCredentialReport, type Clock } from '../../src/collect/credential-report.ts';
import { createIamCollector } from '../../src/collect/iam.ts';
import { awsError, testContext } from './support.ts';

const iamMock = mockClient(IAMClient);
beforeEach(() => iamMock.reset());
after(() => iamMock.restore());

/** A clock that only moves when the code under test sleeps. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

/** The 22 columns AWS documents, in its order, plus one it might add tomorrow. */
const HEADER =
  'user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,' +
  'access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,' +
  'access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,' +
  'cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated,brand_new_column';
const CSV = [
  HEADER,
  '<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,no_information,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A,x',
  '"smith,john",arn:aws:iam::111122223333:user/smith-john,2021-02-03T04:05:06+00:00,true,N/A,N/A,N/A,false,true,2021-02-03T04:05:06+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A,y',
  '',
].join('\n');

const content = (csv: string) => ({ Content: new TextEncoder().encode(csv), ReportFormat: 'text/csv' as const, GeneratedTime: new Date('2026-11-20T10:00:00Z') });

function iam(): IAMClient {
  return new IAMClient({ region: 'us-east-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' } });
}

test('polls GenerateCredentialReport with back-off until COMPLETE, then parses the CSV by header', async () => {
  iamMock
    .on(GenerateCredentialReportCommand)
    .resolvesOnce({ State: 'STARTED' })
    .resolvesOnce({ State: 'INPROGRESS' })
    .resolves({ State: 'COMPLETE' });
  iamMock.on(GetCredentialReportCommand).resolves(content(CSV));
  const clock = fakeClock();

  const report = await fetchCredentialReport(iam(), clock);

  assert.equal(iamMock.commandCalls(GenerateCredentialReportCommand).length, 3);
  assert.deepEqual(clock.slept, [1000, 2000]);
  assert.equal(report.generatedTime, '2026-11-20T10:00:00.000Z');
  assert.equal(report.rows.length, 2);
  const user = report.rows[1]!;
  assert.equal(user['user'], 'smith,john');
  assert.equal(user['arn'], 'arn:aws:iam::111122223333:user/smith-john');
  assert.equal(user['mfa_active'], 'false');
  assert.equal(user['access_key_1_active'], 'true');
  assert.equal(user['brand_new_column'], 'y');
  assert.equal(report.rows[0]!['user'], '<root_account>');
});

test('ReportNotPresent from GetCredentialReport makes it generate the report again', async () => {
  iamMock.on(GenerateCredentialReportCommand).resolvesOnce({ State: 'COMPLETE' }).resolvesOnce({ State: 'STARTED' }).resolves({ State: 'COMPLETE' });
  iamMock
    .on(GetCredentialReportCommand)
    .rejectsOnce(awsError('ReportNotPresent', { name: 'CredentialReportNotPresentException', status: 410 }))
    .resolves(content(CSV));
  const clock = fakeClock();

  const report = await fetchCredentialReport(iam(), clock);

  assert.equal(iamMock.commandCalls(GenerateCredentialReportCommand).length, 3);
  assert.equal(iamMock.commandCalls(GetCredentialReportCommand).length, 2);
  assert.equal(report.rows.length, 2);
});

test('an SDK-class ReportExpired error (no wire code) also regenerates', async () => {
  iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iamMock
    .on(GetCredentialReportCommand)
    .rejectsOnce(new CredentialReportExpiredException({ message: 'expired', $metadata: {} }))
    .resolves(content(CSV));

  const report = await fetchCredentialReport(iam(), fakeClock());

  assert.equal(iamMock.commandCalls(GenerateCredentialReportCommand).length, 2);
  assert.equal(report.rows.length, 2);
});

test('ReportInProgress keeps polling GetCredentialReport without generating again', async () => {
  iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iamMock
    .on(GetCredentialReportCommand)
    .rejectsOnce(awsError('ReportInProgress', { name: 'CredentialReportNotReadyException', status: 404 }))
    .resolves(content(CSV));
  const clock = fakeClock();

  await fetchCredentialReport(iam(), clock);

  assert.equal(iamMock.commandCalls(GenerateCredentialReportCommand).length, 1);
  assert.equal(iamMock.commandCalls(GetCredentialReportCommand).length, 2);
  assert.deepEqual(clock.slept, [1000]);
});

test('LimitExceeded on GenerateCredentialReport is retried after a pause', async () => {
  iamMock
    .on(GenerateCredentialReportCommand)
    .rejectsOnce(awsError('LimitExceeded', { name: 'LimitExceededException', status: 409 }))
    .resolves({ State: 'COMPLETE' });
  iamMock.on(GetCredentialReportCommand).resolves(content(CSV));
  const clock = fakeClock();

  await fetchCredentialReport(iam(), clock);

  assert.equal(iamMock.commandCalls(GenerateCredentialReportCommand).length, 2);
  assert.deepEqual(clock.slept, [1000]);
});

test('gives up after 5 minutes with waits capped at 10 seconds', async () => {
  iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'STARTED' });
  const clock = fakeClock();

  await assert.rejects(fetchCredentialReport(iam(), clock), (err: Error) => err.name === 'CredentialReportTimeout');

  assert.deepEqual(clock.slept.slice(0, 6), [1000, 2000, 4000, 8000, 10000, 10000]);
  assert.ok(clock.slept.every((ms) => ms <= 10_000));
  assert.ok(clock.now() <= 5 * 60_000);
  assert.ok(clock.now() > 5 * 60_000 - 10_000);
  assert.equal(iamMock.commandCalls(GetCredentialReportCommand).length, 0);
});

test('other errors are not retried', async () => {
  iamMock.on(GenerateCredentialReportCommand).rejects(awsError('AccessDenied', { status: 403 }));
  const clock = fakeClock();

  await assert.rejects(fetchCredentialReport(iam(), clock), (err: Error) => err.name === 'AccessDenied');
  assert.deepEqual(clock.slept, []);
});

test('an empty report is an error, not a report without users', async () => {
  iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iamMock.on(GetCredentialReportCommand).resolves({ Content: new Uint8Array() });

  await assert.rejects(fetchCredentialReport(iam(), fakeClock()), (err: Error) => err.name === 'CredentialReportEmpty');
});

test('parseCredentialReport reads quoted fields and a BOM, keyed by header name', () => {
  const rows = parseCredentialReport(`\uFEFF${CSV}`);
  assert.equal(rows[1]!['user'], 'smith,john');
  assert.equal(rows[1]!['access_key_1_active'], 'true');
  assert.equal(rows[1]!['brand_new_column'], 'y');
});

test('a credential report missing a column the checks read is refused, not read as "false"', () => {
  const [header, root] = CSV.split('\n');
  const dropMfa = (line: string) => line.split(',').filter((_, i) => i !== 7).join(',');
  assert.throws(
    () => parseCredentialReport(`${dropMfa(header!)}\n${dropMfa(root!)}\n`),
    (err: Error) => err.name === 'CredentialReportIncomplete' && /lacks column\(s\) mfa_active/.test(err.message),
  );
});

test('the iam collector stores the report, or the AWS error code when it cannot', async () => {
  iamMock.on(GenerateCredentialReportCommand).resolves({ State: 'COMPLETE' });
  iamMock.on(GetCredentialReportCommand).resolves(content(CSV));
  const collector = createIamCollector(fakeClock());

  const result = await collector.collect(testContext(), new Set(['iam.credentialReport']));

  assert.deepEqual(Object.keys(result), ['iam.credentialReport']);
  const report = result['iam.credentialReport'];
  assert.ok(report?.ok);
  assert.equal(report.data.rows[1]!['user'], 'smith,john');

  iamMock.reset();
  iamMock.on(GenerateCredentialReportCommand).rejects(awsError('Throttling'));
  const failed = await collector.collect(testContext(), new Set(['iam.credentialReport']));
  assert.deepEqual(failed['iam.credentialReport'], {
    ok: false,
    error: { code: 'Throttling', message: 'Throttling: simulated by the test' },
  });
});
