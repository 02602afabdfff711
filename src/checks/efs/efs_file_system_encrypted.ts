import { INCOMPLETE } from '../lib/iam-results.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'efs_file_system_encrypted',
  title: 'EFS file systems are encrypted at rest',
  severity: 'medium',
  scope: 'resource',
  reads: ['efs.fileSystems'],
  remediation:
    'Encryption cannot be turned on for an existing file system: create an encrypted one (EFS console → Create file system → ' +
    'Enable encryption of data at rest, or `aws efs create-file-system --encrypted --kms-key-id KEY`) and copy the data over ' +
    '(e.g. with AWS DataSync).',
  evaluateRegion(ctx, region) {
    return ctx.regional('efs.fileSystems', region).map((fs): CheckResult => {
      const id = fs.FileSystemId ?? '';
      const label = `file system \`${id}\`${fs.Name ? ` (\`${fs.Name}\`)` : ''}`;
      const base = {
        region,
        resourceId: fs.FileSystemArn ?? `arn:${ctx.partition}:elasticfilesystem:${region}:${fs.OwnerId ?? ctx.accountId}:file-system/${id}`,
        resourceType: 'AwsEfsFileSystem',
      };
      if (fs.Encrypted === undefined) {
        return { ...base, status: 'ERROR', reason: `${label}: DescribeFileSystems gave no Encrypted value`, errorCode: INCOMPLETE };
      }
      return fs.Encrypted
        ? { ...base, status: 'PASS', reason: `${label} is encrypted at rest` }
        : { ...base, status: 'FAIL', reason: `${label} is not encrypted at rest` };
    });
  },
};

export default check;
