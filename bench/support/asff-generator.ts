import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1', 'sa-east-1'];
const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const CONTROLS = ['EC2.2', 'EC2.19', 'S3.1', 'S3.8', 'CloudTrail.1', 'Config.1', 'KMS.4', 'RDS.3', 'EFS.1', 'Lambda.1'];

/** A deterministic mix of the ASFF findings an organization's Security Hub holds. */
function finding(i: number, accounts: number, at: string): object {
  const account = String(100000000000 + (i % accounts));
  const region = REGIONS[(i >> 3) % REGIONS.length]!;
  const severity = SEVERITIES[i % SEVERITIES.length]!;
  const kind = i % 4;
  const base = {
    SchemaVersion: '2018-10-08',
    AwsAccountId: account,
    Region: region,
    CreatedAt: '2026-10-01T00:00:00.000Z',
    UpdatedAt: at,
    FirstObservedAt: '2026-10-01T00:00:00.000Z',
    LastObservedAt: at,
    Severity: { Label: severity },
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
  };
  if (kind === 0) {
    const control = CONTROLS[i % CONTROLS.length]!;
    return {
      ...base,
      Id: `arn:aws:securityhub:${region}:${account}:security-control/${control}/finding/${i.toString(16).padStart(8, '0')}-bench`,
      ProductArn: `arn:aws:securityhub:${region}::product/aws/securityhub`,
      ProductName: 'Security Hub',
      CompanyName: 'AWS',
      GeneratorId: `security-control/${control}`,
      Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
      Title: `${control} resource should be configured securely`,
      Description: `This control checks whether the resource complies with ${control}. The control fails if it does not.`,
      Remediation: { Recommendation: { Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.', Url: `https://docs.aws.amazon.com/console/securityhub/${control}/remediation` } },
      Resources: [{ Type: 'AwsEc2Volume', Id: `arn:aws:ec2:${region}:${account}:volume/vol-${i.toString(16).padStart(17, '0')}`, Partition: 'aws', Region: region }],
      Compliance: { Status: 'FAILED', SecurityControlId: control, AssociatedStandards: [{ StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' }] },
    };
  }
  if (kind === 1) {
    return {
      ...base,
      Id: `arn:aws:guardduty:${region}:${account}:detector/12abc34d567e8fa901bc2d34e56789f0/finding/${i.toString(16).padStart(32, '0')}`,
      ProductArn: `arn:aws:securityhub:${region}::product/aws/guardduty`,
      ProductName: 'GuardDuty',
      CompanyName: 'Amazon',
      GeneratorId: `arn:aws:guardduty:${region}:${account}:detector/12abc34d567e8fa901bc2d34e56789f0`,
      Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
      Title: 'Unprotected port on EC2 instance i-0123456789abcdef0 is being probed.',
      Description: 'EC2 instance has an unprotected port which is being probed by a known malicious host.',
      Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:${region}:${account}:instance/i-${i.toString(16).padStart(17, '0')}`, Partition: 'aws', Region: region }],
      ProductFields: { 'aws/guardduty/service/action/actionType': 'PORT_PROBE', 'aws/guardduty/service/count': '3' },
    };
  }
  if (kind === 2) {
    return {
      ...base,
      Id: `arn:aws:inspector2:${region}:${account}:finding/${i.toString(16).padStart(32, '0')}`,
      ProductArn: `arn:aws:securityhub:${region}::product/aws/inspector`,
      ProductName: 'Inspector',
      CompanyName: 'Amazon',
      GeneratorId: 'AWSInspector',
      Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
      Title: `CVE-2026-${10000 + (i % 5000)} - openssl`,
      Description: 'A flaw in the certificate verification of openssl lets a remote attacker bypass verification.',
      Resources: [{ Type: 'AwsEc2Instance', Id: `arn:aws:ec2:${region}:${account}:instance/i-${i.toString(16).padStart(17, '0')}`, Partition: 'aws', Region: region }],
      Vulnerabilities: [{ Id: `CVE-2026-${10000 + (i % 5000)}`, VulnerablePackages: [{ Name: 'openssl', Version: '3.0.2' }] }],
    };
  }
  return {
    ...base,
    Id: `prowler-s3_bucket_public_access-${account}-${region}-${i.toString(16)}`,
    ProductArn: `arn:aws:securityhub:${region}::product/prowler/prowler`,
    ProductName: 'Prowler',
    CompanyName: 'Prowler',
    GeneratorId: 'prowler-s3_bucket_public_access',
    Types: ['Software and Configuration Checks'],
    Title: 'Ensure there are no S3 buckets open to Everyone or Any AWS user.',
    Description: `S3 Bucket bench-${i} has public access through its bucket policy.`,
    Resources: [{ Type: 'AwsS3Bucket', Id: `arn:aws:s3:::bench-${i}`, Partition: 'aws', Region: region }],
    Compliance: { Status: 'FAILED', RelatedRequirements: ['CIS-1.4: 2.1.5'] },
  };
}

/** Writes `count` findings as `{"Findings": [...]}`, streaming, so the file can be larger than memory. */
export async function writeAsffFile(path: string, count: number, accounts: number, at: string): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (s: string) => {
    bytes += Buffer.byteLength(s);
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('{"Findings":[\n');
  for (let i = 0; i < count; i++) await write(`${i ? ',\n' : ''}${JSON.stringify(finding(i, accounts, at))}`);
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  return bytes;
}
