import { accessAnalyzerCollector } from './accessanalyzer.ts';
import { accountCollector } from './account.ts';
import { cloudtrailDetailsCollector } from './cloudtrail-details.ts';
import { cloudtrailCollector } from './cloudtrail.ts';
import { configCollector } from './config.ts';
import { ec2Collector } from './ec2.ts';
import { efsCollector } from './efs.ts';
import { guardDutyCollector } from './guardduty.ts';
import { iamCollector } from './iam.ts';
import { kmsCollector } from './kms.ts';
import { monitoringCollector } from './monitoring.ts';
import { rdsCollector } from './rds.ts';
import { s3Collector } from './s3.ts';
import { securityHubCollector } from './securityhub.ts';
import type { Collector } from './types.ts';

/** Every collector; final collectors come after the ones whose datasets they need. */
export const COLLECTORS: readonly Collector[] = [
  iamCollector,
  accountCollector,
  s3Collector,
  cloudtrailCollector,
  configCollector,
  accessAnalyzerCollector,
  securityHubCollector,
  guardDutyCollector,
  kmsCollector,
  ec2Collector,
  rdsCollector,
  efsCollector,
  cloudtrailDetailsCollector,
  monitoringCollector,
];
