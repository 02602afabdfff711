import type { ServiceSpec } from '../service.ts';
import { accessanalyzer } from './accessanalyzer.ts';
import { account } from './account.ts';
import { cloudtrail } from './cloudtrail.ts';
import { cloudwatch } from './cloudwatch.ts';
import { config } from './config.ts';
import { ec2 } from './ec2.ts';
import { efs } from './efs.ts';
import { guardduty } from './guardduty.ts';
import { iam } from './iam.ts';
import { kms } from './kms.ts';
import { logs } from './logs.ts';
import { organizations } from './organizations.ts';
import { rds } from './rds.ts';
import { s3 } from './s3.ts';
import { s3control } from './s3control.ts';
import { securityhub } from './securityhub.ts';
import { sns } from './sns.ts';
import { sts } from './sts.ts';

export const SERVICES: readonly ServiceSpec[] = [
  accessanalyzer,
  account,
  cloudtrail,
  cloudwatch,
  config,
  ec2,
  efs,
  guardduty,
  iam,
  kms,
  logs,
  organizations,
  rds,
  s3,
  s3control,
  securityhub,
  sns,
  sts,
];

/** The service a request is for, by signing name; S3 Control also signs as `s3` but has its own path. */
export function serviceFor(signingName: string, path: string): ServiceSpec | undefined {
  if (signingName === 's3' && path.startsWith('/v20180820/')) return s3control;
  return SERVICES.find((s) => s.signingName === signingName && s !== s3control);
}
