import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { STATUSES } from '../../src/findings/model.ts';
import { asffResourceType, renderAsff, toAsff } from '../../src/report/asff.ts';
import { validateAsff } from './asff-validate.ts';
import { PROD, finding, sampleFindings, sampleInput } from './fixtures.ts';

describe('renderAsff', () => {
  it('produces findings that pass the validator', () => {
    const out = renderAsff(sampleInput());
    assert.equal(out.length, sampleFindings().length);
    for (const f of out) assert.deepEqual(validateAsff(f), [], f.Id);
    // JSON round trip: what writeReports stores is what Security Hub receives
    for (const f of JSON.parse(JSON.stringify(out)) as unknown[]) assert.deepEqual(validateAsff(f), []);
  });

  it('maps statuses to Compliance.Status', () => {
    const findings = STATUSES.map((status, i) => finding({ checkId: `c${i}`, accountId: PROD, status }));
    const got = Object.fromEntries(renderAsff(sampleInput({ findings })).map((a, i) => [findings[i]?.status, a.Compliance.Status]));
    assert.deepEqual(got, { PASS: 'PASSED', FAIL: 'FAILED', MANUAL: 'WARNING', NOT_APPLICABLE: 'NOT_AVAILABLE', ERROR: 'NOT_AVAILABLE' });
  });

  it('builds deterministic ids, product ARN, generator, requirements and standards', () => {
    const f = finding({ checkId: 'vpc_flow_logs_enabled', accountId: PROD, status: 'FAIL', region: 'eu-west-1', requirements: ['3.7'], severity: 'medium', resourceType: 'AwsEc2Vpc', resourceId: 'vpc-0abc', reason: 'VPC `vpc-0abc` has no flow log', remediation: 'Enable flow logs.' });
    const a = toAsff(f, sampleInput());
    assert.deepEqual(toAsff(f, sampleInput()), a);
    assert.equal(a.Id, `rampart/vpc_flow_logs_enabled/${PROD}/eu-west-1/${f.id}`);
    assert.equal(a.ProductArn, `arn:aws:securityhub:eu-west-1:${PROD}:product/${PROD}/default`);
    assert.equal(a.GeneratorId, 'rampart-vpc_flow_logs_enabled');
    assert.equal(a.AwsAccountId, PROD);
    assert.equal(a.Region, 'eu-west-1');
    assert.deepEqual(a.Types, ['Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark']);
    assert.equal(a.CreatedAt, '2026-11-20T12:00:00.000Z');
    assert.equal(a.UpdatedAt, a.CreatedAt);
    assert.equal(a.Severity.Label, 'MEDIUM');
    assert.equal(a.Description, 'VPC `vpc-0abc` has no flow log');
    assert.deepEqual(a.Resources, [{ Type: 'AwsEc2Vpc', Id: 'vpc-0abc', Partition: 'aws', Region: 'eu-west-1' }]);
    assert.deepEqual(a.Compliance.RelatedRequirements, ['CIS AWS Foundations Benchmark v3.0.0/3.7']);
    assert.deepEqual(a.Compliance.AssociatedStandards, [{ StandardsId: 'cis-aws-3.0.0' }]);
    assert.equal(a.RecordState, 'ACTIVE');
    assert.equal(a.Remediation?.Recommendation.Text, 'Enable flow logs.');
  });

  it('files global findings under the global region and uses the partition', () => {
    const f = finding({ checkId: 'iam_root_no_access_keys', accountId: PROD, status: 'FAIL', region: 'global' });
    const a = toAsff(f, sampleInput({ partition: 'aws-us-gov', globalRegion: 'us-gov-west-1' }));
    assert.equal(a.Region, 'us-gov-west-1');
    assert.equal(a.ProductArn, `arn:aws-us-gov:securityhub:us-gov-west-1:${PROD}:product/${PROD}/default`);
    assert.equal(a.Resources[0]?.Region, 'us-gov-west-1');
    assert.equal(a.Resources[0]?.Partition, 'aws-us-gov');
    assert.match(a.Id, /\/global\//);
    assert.equal(a.Remediation, undefined);
    assert.deepEqual(validateAsff(a), []);
  });

  it('files anything but a FAIL as INFORMATIONAL and keeps the check severity as Original', () => {
    for (const status of ['PASS', 'ERROR', 'MANUAL', 'NOT_APPLICABLE'] as const) {
      const a = toAsff(finding({ checkId: 'c', accountId: PROD, status, severity: 'critical' }), sampleInput());
      assert.deepEqual(a.Severity, { Label: 'INFORMATIONAL', Original: 'CRITICAL' }, status);
    }
    const b = toAsff(finding({ checkId: 'c', accountId: PROD, status: 'FAIL', severity: 'critical' }), sampleInput());
    assert.equal(b.Severity.Label, 'CRITICAL');
  });

  it('cuts long titles and reasons to the Security Hub limits', () => {
    const a = toAsff(finding({ checkId: 'c', accountId: PROD, status: 'FAIL', title: 'T'.repeat(400), reason: 'R'.repeat(5000), remediation: 'x'.repeat(900) }), sampleInput());
    assert.equal(a.Title.length, 256);
    assert.equal(a.Description.length, 1024);
    assert.ok(a.Description.endsWith('…'));
    assert.equal(a.Remediation?.Recommendation.Text.length, 512);
    assert.deepEqual(validateAsff(a), []);
  });

  it('maps resource types, falling back to Other', () => {
    assert.equal(asffResourceType('AwsS3Bucket'), 'AwsS3Bucket');
    assert.equal(asffResourceType('AWS::IAM::User'), 'AwsIamUser');
    assert.equal(asffResourceType('AWS::RDS::DBInstance'), 'AwsRdsDbInstance');
    assert.equal(asffResourceType('AwsConfigRecorder'), 'Other');
  });
});

describe('validateAsff', () => {
  const valid = () => JSON.parse(JSON.stringify(toAsff(finding({ checkId: 'c', accountId: PROD, status: 'FAIL' }), sampleInput()))) as Record<string, unknown>;

  it('reports missing required fields', () => {
    for (const key of ['AwsAccountId', 'CreatedAt', 'Description', 'GeneratorId', 'Id', 'ProductArn', 'SchemaVersion', 'Title', 'UpdatedAt', 'Types', 'Severity', 'Resources']) {
      const f = valid();
      delete f[key];
      assert.ok(validateAsff(f).some((p) => p.startsWith(key)), key);
    }
    assert.deepEqual(validateAsff(null), ['finding is not an object']);
  });

  it('reports bad formats, enumerations and lengths', () => {
    const cases: [string, (f: Record<string, unknown>) => void, RegExp][] = [
      ['schema', (f) => (f.SchemaVersion = '2020-01-01'), /SchemaVersion must be/],
      ['account', (f) => (f.AwsAccountId = '123'), /12 digits/],
      ['arn', (f) => (f.ProductArn = 'arn:aws:s3:::bucket'), /product ARN/],
      ['time', (f) => (f.CreatedAt = '20 Nov 2026'), /CreatedAt is not an RFC 3339/],
      ['title', (f) => (f.Title = 'x'.repeat(257)), /Title is longer than 256/],
      ['description', (f) => (f.Description = 'x'.repeat(1025)), /Description is longer than 1024/],
      ['types', (f) => (f.Types = ['Whatever/Thing']), /namespace\/category\/classifier/],
      ['severity', (f) => (f.Severity = { Label: 'SEVERE' }), /Severity.Label SEVERE/],
      ['resources', (f) => (f.Resources = []), /Resources must be a non-empty array/],
      ['partition', (f) => (f.Resources = [{ Type: 'Other', Id: 'x', Partition: 'azure' }]), /Partition azure/],
      ['compliance', (f) => (f.Compliance = { Status: 'MAYBE' }), /Compliance.Status MAYBE/],
      ['record', (f) => (f.RecordState = 'DELETED'), /RecordState/],
      ['remediation', (f) => (f.Remediation = { Recommendation: { Text: 'x'.repeat(513) } }), /Remediation.Recommendation.Text/],
      ['size', (f) => (f.Note = { Text: 'x'.repeat(250 * 1024) }), /larger than/],
      ['product fields', (f) => (f.ProductFields = { k: 1 }), /ProductFields.k must be a string/],
    ];
    for (const [name, mutate, expected] of cases) {
      const f = valid();
      mutate(f);
      const problems = validateAsff(f);
      assert.ok(problems.some((p) => expected.test(p)), `${name}: ${problems.join('; ')}`);
    }
  });
});

describe('toAsff for a Security Hub export', () => {
  it('archives a resolved finding under the same Id, with its own creation and update times', () => {
    const f = finding({ checkId: 'vpc_flow_logs_enabled', accountId: PROD, status: 'FAIL', region: 'eu-west-1', requirements: ['3.7'] });
    const active = toAsff(f, sampleInput());
    const archived = toAsff(f, { partition: 'aws', globalRegion: 'us-east-1', scan: { finishedAt: '2026-11-21T00:00:00.000Z' } }, {
      recordState: 'ARCHIVED',
      createdAt: '2026-11-01T08:00:00Z',
      updatedAt: '2026-11-21T09:30:00Z',
    });
    assert.equal(archived.Id, active.Id);
    assert.equal(archived.RecordState, 'ARCHIVED');
    assert.equal(archived.CreatedAt, '2026-11-01T08:00:00.000Z');
    assert.equal(archived.UpdatedAt, '2026-11-21T09:30:00.000Z');
    assert.deepEqual(archived.Compliance.RelatedRequirements, ['CIS AWS Foundations Benchmark v3.0.0/3.7'], 'version from the framework id');
    assert.deepEqual(validateAsff(archived), []);
  });
});
