import { findingId, type Finding } from '../../src/findings/model.ts';
import type { ScanRecord } from '../../src/findings/scan.ts';
import type { Framework } from '../../src/frameworks/types.ts';
import type { ReportInput } from '../../src/report/types.ts';

export const PROD = '111111111111';
export const DEV = '222222222222';

export const FRAMEWORK: Framework = {
  id: 'cis-aws-3.0.0',
  name: 'CIS Amazon Web Services Foundations Benchmark',
  version: '3.0.0',
  requirements: [
    { id: '1.4', title: "Ensure no 'root' user account access key exists", section: 'Identity and Access Management', level: 1, checks: ['iam_root_no_access_keys'] },
    { id: '1.3', title: 'Ensure security questions are registered in the AWS account', section: 'Identity and Access Management', level: 1, checks: [], manual: true },
    { id: '3.1', title: 'Ensure CloudTrail is enabled in all regions', section: 'Logging', level: 1, checks: ['cloudtrail_multi_region_enabled'] },
    { id: '3.7', title: 'Ensure VPC flow logging is enabled in all VPCs', section: 'Logging', level: 2, checks: ['vpc_flow_logs_enabled'] },
  ],
};

export function finding(over: Partial<Finding> & Pick<Finding, 'checkId' | 'accountId' | 'status'>): Finding {
  const region = over.region ?? 'global';
  const resourceId = over.resourceId ?? over.accountId;
  return {
    id: findingId('rampart', over.checkId, over.accountId, region, resourceId),
    source: 'rampart',
    region,
    resourceId,
    resourceType: 'AwsAccount',
    severity: 'high',
    title: over.checkId.replace(/_/g, ' '),
    reason: `${over.checkId} is ${over.status}`,
    framework: 'cis-aws-3.0.0',
    requirements: [],
    observedAt: '2026-11-20T12:00:00.000Z',
    ...over,
  };
}

export function scanRecord(over: Partial<ScanRecord> = {}): ScanRecord {
  return {
    id: 'scan-20261120',
    source: 'scan',
    actor: 'arn:aws:sts::999999999999:assumed-role/Auditor/alice',
    startedAt: '2026-11-20T11:50:00.000Z',
    finishedAt: '2026-11-20T12:00:00.000Z',
    framework: 'cis-aws-3.0.0',
    accounts: [PROD, DEV],
    regions: ['us-east-1', 'eu-west-1'],
    counts: { PASS: 0, FAIL: 0, MANUAL: 0, NOT_APPLICABLE: 0, ERROR: 0 },
    errors: [],
    skipped: [],
    status: 'complete',
    ...over,
  };
}

/** Two accounts: prod fails 1.4 and 3.7 in one region, dev passes but one region errored. */
export function sampleFindings(): Finding[] {
  return [
    finding({ checkId: 'iam_root_no_access_keys', accountId: PROD, status: 'FAIL', requirements: ['1.4'], reason: 'root user has 1 active access key', remediation: 'Delete the root access keys.' }),
    finding({ checkId: 'iam_root_no_access_keys', accountId: DEV, status: 'PASS', requirements: ['1.4'], reason: 'root user has no access keys' }),
    finding({ checkId: 'cloudtrail_multi_region_enabled', accountId: PROD, status: 'PASS', requirements: ['3.1'], resourceType: 'AwsCloudTrailTrail', resourceId: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/main', reason: 'trail `main` is multi-region and logging' }),
    finding({ checkId: 'cloudtrail_multi_region_enabled', accountId: DEV, status: 'PASS', requirements: ['3.1'], reason: 'trail `org` is multi-region and logging' }),
    finding({ checkId: 'vpc_flow_logs_enabled', accountId: PROD, status: 'FAIL', region: 'eu-west-1', requirements: ['3.7'], severity: 'medium', resourceType: 'AwsEc2Vpc', resourceId: 'vpc-0abc', reason: 'VPC `vpc-0abc` has no flow log' }),
    finding({ checkId: 'vpc_flow_logs_enabled', accountId: PROD, status: 'PASS', region: 'us-east-1', requirements: ['3.7'], severity: 'medium', resourceType: 'AwsEc2Vpc', resourceId: 'vpc-0def', reason: 'VPC `vpc-0def` has flow logs' }),
    finding({ checkId: 'vpc_flow_logs_enabled', accountId: DEV, status: 'PASS', region: 'us-east-1', requirements: ['3.7'], severity: 'medium', resourceType: 'AwsEc2Vpc', resourceId: 'vpc-1abc', reason: 'VPC `vpc-1abc` has flow logs' }),
    finding({ checkId: 'vpc_flow_logs_enabled', accountId: DEV, status: 'ERROR', region: 'eu-west-1', requirements: ['3.7'], severity: 'medium', errorCode: 'AccessDenied', reason: 'ec2.vpcs in eu-west-1 could not be collected: AccessDenied: not authorized' }),
    finding({ checkId: 'security_questions', accountId: PROD, status: 'MANUAL', requirements: ['1.3'], severity: 'medium', reason: 'security questions are checked by a person' }),
  ];
}

export function sampleInput(over: Partial<ReportInput> = {}): ReportInput {
  return {
    scan: scanRecord({ status: 'partial' }),
    framework: FRAMEWORK,
    findings: sampleFindings(),
    accounts: [
      { id: PROD, name: 'prod' },
      { id: DEV, name: 'dev' },
    ],
    partition: 'aws',
    globalRegion: 'us-east-1',
    ...over,
  };
}
