import { GLOBAL_REGION, type Finding, type RecordState, type Severity, type Status } from '../findings/model.ts';
import type { ScanRecord } from '../findings/scan.ts';
import type { Framework } from '../frameworks/types.ts';
import { truncate } from './text.ts';
import type { ReportInput } from './types.ts';

export const ASFF_SCHEMA_VERSION = '2018-10-08';
export const CIS_FINDING_TYPE =
  'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark';

type ComplianceStatus = 'PASSED' | 'FAILED' | 'WARNING' | 'NOT_AVAILABLE';
type SeverityLabel = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface AsffFinding {
  SchemaVersion: string;
  Id: string;
  ProductArn: string;
  ProductName: string;
  CompanyName: string;
  GeneratorId: string;
  AwsAccountId: string;
  Region: string;
  Types: string[];
  CreatedAt: string;
  UpdatedAt: string;
  Severity: { Label: SeverityLabel; Original: string };
  Title: string;
  Description: string;
  Resources: { Type: string; Id: string; Partition: string; Region: string }[];
  Compliance: {
    Status: ComplianceStatus;
    RelatedRequirements: string[];
    AssociatedStandards: { StandardsId: string }[];
  };
  ProductFields: Record<string, string>;
  RecordState: RecordState;
  Remediation?: { Recommendation: { Text: string } };
}

/** Security Hub limits (BatchImportFindings / AwsSecurityFinding). */
export const ASFF_LIMITS = {
  id: 512,
  generatorId: 512,
  title: 256,
  description: 1024,
  remediationText: 512,
  resources: 32,
  relatedRequirements: 32,
  associatedStandards: 20,
  productFields: 50,
  productFieldValue: 2048,
  findingBytes: 240 * 1024,
} as const;

const COMPLIANCE: Record<Status, ComplianceStatus> = {
  PASS: 'PASSED',
  FAIL: 'FAILED',
  MANUAL: 'WARNING',
  NOT_APPLICABLE: 'NOT_AVAILABLE',
  ERROR: 'NOT_AVAILABLE',
};

const SEVERITY: Record<Severity, SeverityLabel> = {
  informational: 'INFORMATIONAL',
  low: 'LOW',
  medium: 'MEDIUM',
  high: 'HIGH',
  critical: 'CRITICAL',
};

/** ASFF resource types our checks report on, by lower-case name; anything else is filed as `Other`. */
const RESOURCE_TYPES = new Map(
  [
    'AwsAccount',
    'AwsCertificateManagerCertificate',
    'AwsCloudTrailTrail',
    'AwsCloudWatchAlarm',
    'AwsEc2Instance',
    'AwsEc2NetworkAcl',
    'AwsEc2SecurityGroup',
    'AwsEc2Volume',
    'AwsEc2Vpc',
    'AwsEfsFileSystem',
    'AwsIamAccessKey',
    'AwsIamGroup',
    'AwsIamPolicy',
    'AwsIamRole',
    'AwsIamUser',
    'AwsKmsKey',
    'AwsRdsDbInstance',
    'AwsS3AccountPublicAccessBlock',
    'AwsS3Bucket',
    'AwsSnsTopic',
  ].map((t) => [t.toLowerCase(), t]),
);

/**
 * Maps a resource type to an ASFF type. CloudFormation names (`AWS::RDS::DBInstance`) are accepted
 * too: ASFF spells the same words with different capitals (`AwsRdsDbInstance`).
 */
export function asffResourceType(type: string): string {
  return RESOURCE_TYPES.get(type.replace(/::/g, '').toLowerCase()) ?? 'Other';
}

/** What `toAsff` reads of a report: a whole `ReportInput` will do. */
export type AsffContext = Pick<ReportInput, 'partition' | 'globalRegion'> & {
  /** Its end time stands in for a finding without a valid observation time. */
  scan: Pick<ScanRecord, 'finishedAt'>;
  /** Findings of another framework (or when none is given) take the version from their framework id. */
  framework?: Pick<Framework, 'id' | 'version'>;
};

/** What a Security Hub export sets beyond the finding itself. */
export interface AsffOptions {
  /** ARCHIVED tells Security Hub the finding is resolved. */
  recordState?: RecordState;
  /** Default: the finding's observation time. */
  createdAt?: string;
  /** Default: the finding's observation time. */
  updatedAt?: string;
}

/**
 * One finding in ASFF. A PASSED finding is INFORMATIONAL (as Security Hub files its own passed
 * controls) so severity-based alerts fire only on problems; `Severity.Original` keeps the check's.
 */
export function toAsff(f: Finding, input: AsffContext, opts: AsffOptions = {}): AsffFinding {
  const region = f.region === GLOBAL_REGION ? input.globalRegion : f.region;
  const at = timestamp(f.observedAt, input.scan.finishedAt);
  const productFields: Record<string, string> = {
    'rampart/status': f.status,
    'rampart/check_id': f.checkId,
    'rampart/region': f.region,
    'rampart/resource_type': truncate(f.resourceType, ASFF_LIMITS.productFieldValue),
  };
  if (f.errorCode) productFields['rampart/error_code'] = truncate(f.errorCode, ASFF_LIMITS.productFieldValue);
  const finding: AsffFinding = {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: truncate(`rampart/${f.checkId}/${f.accountId}/${f.region}/${f.id}`, ASFF_LIMITS.id),
    ProductArn: `arn:${input.partition}:securityhub:${region}:${f.accountId}:product/${f.accountId}/default`,
    ProductName: 'Rampart',
    CompanyName: 'Rampart',
    GeneratorId: truncate(`rampart-${f.checkId}`, ASFF_LIMITS.generatorId),
    AwsAccountId: f.accountId,
    Region: region,
    Types: [CIS_FINDING_TYPE],
    CreatedAt: opts.createdAt ? timestamp(opts.createdAt, at) : at,
    UpdatedAt: opts.updatedAt ? timestamp(opts.updatedAt, at) : at,
    // Only a FAIL is a problem of the check's severity; routing on CRITICAL must not page for a
    // pass, an access error or a manual review item.
    Severity: { Label: f.status === 'FAIL' ? SEVERITY[f.severity] : 'INFORMATIONAL', Original: SEVERITY[f.severity] },
    Title: truncate(f.title || f.checkId, ASFF_LIMITS.title),
    Description: truncate(f.reason || f.title || f.checkId, ASFF_LIMITS.description),
    Resources: [
      {
        Type: asffResourceType(f.resourceType),
        Id: f.resourceId || f.accountId,
        Partition: input.partition,
        Region: region,
      },
    ],
    Compliance: {
      Status: COMPLIANCE[f.status],
      RelatedRequirements: relatedRequirements(f, input).slice(0, ASFF_LIMITS.relatedRequirements),
      AssociatedStandards: [{ StandardsId: f.framework }],
    },
    ProductFields: productFields,
    RecordState: opts.recordState ?? 'ACTIVE',
  };
  if (f.remediation) {
    finding.Remediation = { Recommendation: { Text: truncate(f.remediation, ASFF_LIMITS.remediationText) } };
  }
  return finding;
}

/** `CIS AWS Foundations Benchmark v3.0.0/1.4`, the form Security Hub's own CIS findings use. */
function relatedRequirements(f: Finding, input: AsffContext): string[] {
  const version = input.framework && f.framework === input.framework.id ? input.framework.version : f.framework.replace(/^cis-aws-/, '');
  return f.requirements.map((r) => `CIS AWS Foundations Benchmark v${version}/${r}`);
}

function timestamp(value: string, fallback: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? new Date(fallback).toISOString() : d.toISOString();
}

/** The findings as a JSON array ready for Security Hub `BatchImportFindings` (in batches of 100). */
export function renderAsff(input: ReportInput): AsffFinding[] {
  return input.findings.map((f) => toAsff(f, input));
}
