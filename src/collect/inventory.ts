// The inventory is everything collected from AWS, kept close to the shape the APIs return so that
// checks can be re-run offline and an emulator can serve it back. Dates are ISO strings (JSON safe).
import type {
  PasswordPolicy,
  VirtualMFADevice,
  ServerCertificateMetadata,
  Policy,
  PolicyRole,
  PolicyUser,
  PolicyGroup,
  AttachedPolicy,
} from '@aws-sdk/client-iam';
import type { AlternateContact } from '@aws-sdk/client-account';
import type {
  PublicAccessBlockConfiguration,
  Grant,
  Owner,
  LoggingEnabled,
} from '@aws-sdk/client-s3';
import type {
  Trail,
  EventSelector,
  AdvancedEventSelector,
  GetTrailStatusResponse,
} from '@aws-sdk/client-cloudtrail';
import type { MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { Subscription } from '@aws-sdk/client-sns';
import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import type { AnalyzerSummary } from '@aws-sdk/client-accessanalyzer';
import type { KeyMetadata } from '@aws-sdk/client-kms';
import type {
  Vpc,
  FlowLog,
  SecurityGroup,
  NetworkAcl,
  Instance,
} from '@aws-sdk/client-ec2';
import type { DBInstance } from '@aws-sdk/client-rds';
import type { FileSystemDescription } from '@aws-sdk/client-efs';

/** Recursively turns the SDK's Date fields into ISO strings and drops `$metadata`. */
export type Plain<T> = T extends Date
  ? string
  : T extends Uint8Array
    ? string
    : T extends readonly (infer U)[]
      ? Plain<U>[]
      : T extends object
        ? { [K in keyof T as K extends '$metadata' ? never : K]: Plain<T[K]> }
        : T;

/** An AWS error kept as data: the AWS error code (e.g. `AccessDenied`) and its message. */
export interface CollectError {
  code: string;
  message: string;
}

/** What a collector stored for one dataset: the data, or the error that prevented collecting it. */
export type Collected<T> = { ok: true; data: T } | { ok: false; error: CollectError };

/** One row of the IAM credential report, keyed by CSV header name (never by position). */
export type CredentialReportRow = Record<string, string>;

export interface CredentialReport {
  generatedTime: string;
  rows: CredentialReportRow[];
}

export interface IamUserPolicies {
  userName: string;
  arn: string;
  attachedPolicies: Plain<AttachedPolicy>[];
  inlinePolicyNames: string[];
}

/** An attached managed policy with the document of its default version (URL-decoded JSON text). */
export interface IamPolicyWithDocument {
  policy: Plain<Policy>;
  document: string | null;
}

export interface PolicyEntities {
  roles: Plain<PolicyRole>[];
  users: Plain<PolicyUser>[];
  groups: Plain<PolicyGroup>[];
}

/** A bucket from ListBuckets with its region (ListBuckets' BucketRegion, else GetBucketLocation) and its per-bucket settings. */
export interface S3Bucket {
  name: string;
  creationDate?: string;
  region: string;
  /** Bucket policy JSON text; null when the bucket has none (`NoSuchBucketPolicy`). */
  policy: Collected<string | null>;
  acl: Collected<{ owner?: Plain<Owner>; grants: Plain<Grant>[] }>;
  versioning: Collected<{ status?: string; mfaDelete?: string }>;
  logging: Collected<Plain<LoggingEnabled> | null>;
  /** null when the bucket has no configuration (`NoSuchPublicAccessBlockConfiguration`). */
  publicAccessBlock: Collected<Plain<PublicAccessBlockConfiguration> | null>;
}

/** A trail seen in any region, deduplicated by TrailARN, with status and selectors from its home region. */
export interface TrailDetails {
  trail: Plain<Trail>;
  status: Collected<Plain<Omit<GetTrailStatusResponse, '$metadata'>>>;
  selectors: Collected<{
    eventSelectors: Plain<EventSelector>[];
    advancedEventSelectors: Plain<AdvancedEventSelector>[];
  }>;
}

/**
 * Everything on the metric-filter chain (trail → log group → filter → alarm → topic), fetched only
 * where the account's trails deliver to CloudWatch Logs.
 */
export interface MonitoringChain {
  /** Metric filters per log group ARN as it appears on the trail. */
  metricFilters: Record<string, Collected<Plain<MetricFilter>[]>>;
  /** All metric alarms per region that holds a trail log group. */
  alarms: Record<string, Collected<Plain<MetricAlarm>[]>>;
  /** Subscriptions per SNS topic ARN used as an alarm action. */
  topicSubscriptions: Record<string, Collected<Plain<Subscription>[]>>;
}

export interface KmsKey {
  metadata: Plain<KeyMetadata>;
  /** Present for enabled customer-managed symmetric keys only (other keys cannot rotate). */
  rotationEnabled?: Collected<boolean>;
}

export interface ConfigRecorders {
  recorders: Plain<ConfigurationRecorder>[];
  statuses: Plain<ConfigurationRecorderStatus>[];
}

/** Datasets collected once per account (IAM and other global APIs). */
export interface GlobalDatasets {
  'iam.credentialReport': CredentialReport;
  'iam.accountSummary': Record<string, number>;
  /** null when the account has no password policy (`NoSuchEntity`). */
  'iam.passwordPolicy': Plain<PasswordPolicy> | null;
  'iam.virtualMfaDevices': Plain<VirtualMFADevice>[];
  'iam.attachedPolicies': IamPolicyWithDocument[];
  'iam.userPolicies': IamUserPolicies[];
  /** Keyed by policy ARN: AWSSupportAccess and AWSCloudShellFullAccess. */
  'iam.policyEntities': Record<string, Collected<PolicyEntities>>;
  'iam.serverCertificates': Plain<ServerCertificateMetadata>[];
  /** null when no SECURITY alternate contact is registered (`ResourceNotFoundException`). */
  'account.securityContact': Plain<AlternateContact> | null;
  's3.buckets': S3Bucket[];
  /** null when the account has no configuration (`NoSuchPublicAccessBlockConfiguration`). */
  's3control.publicAccessBlock': Plain<PublicAccessBlockConfiguration> | null;
  /** Keyed by TrailARN. Built after the per-region trail lists are in. */
  'cloudtrail.trailDetails': Record<string, TrailDetails>;
  'monitoring.chain': MonitoringChain;
}

/** Datasets collected in every scanned region. */
export interface RegionalDatasets {
  /** DescribeTrails in this region (includes shadow copies of multi-region and organization trails). */
  'cloudtrail.trails': Plain<Trail>[];
  'config.recorders': ConfigRecorders;
  'accessanalyzer.analyzers': Plain<AnalyzerSummary>[];
  /** The hub ARN, or null when Security Hub is not enabled in the region. */
  'securityhub.hub': { hubArn: string } | null;
  'guardduty.detectors': { detectorId: string; status?: string }[];
  'kms.keys': KmsKey[];
  'ec2.ebsEncryptionByDefault': boolean;
  'ec2.vpcs': Plain<Vpc>[];
  'ec2.flowLogs': Plain<FlowLog>[];
  'ec2.securityGroups': Plain<SecurityGroup>[];
  'ec2.networkAcls': Plain<NetworkAcl>[];
  'ec2.instances': Plain<Instance>[];
  'rds.instances': Plain<DBInstance>[];
  'efs.fileSystems': Plain<FileSystemDescription>[];
}

export type GlobalKey = keyof GlobalDatasets;
export type RegionalKey = keyof RegionalDatasets;
export type DatasetKey = GlobalKey | RegionalKey;

export interface SkippedRegion {
  region: string;
  reason: string;
}

/** What was collected for one account. */
export interface AccountInventory {
  accountId: string;
  name?: string;
  /** Regions scanned: enabled for the account, narrowed by --regions / --exclude-regions. */
  regions: string[];
  /** Regions not scanned and why (not opted in, excluded, unusable). */
  skippedRegions: SkippedRegion[];
  /** Set when the account could not be accessed at all (e.g. AssumeRole denied). */
  accessError?: CollectError;
  /** Problems that narrowed what was collected (regions not listable, nothing left to scan), kept so an offline re-evaluation reports them too. */
  issues?: (CollectError & { region?: string })[];
  global: Partial<{ [K in GlobalKey]: Collected<GlobalDatasets[K]> }>;
  regional: Record<string, Partial<{ [K in RegionalKey]: Collected<RegionalDatasets[K]> }>>;
}

export interface Inventory {
  format: 'rampart-inventory';
  version: 1;
  collectedAt: string;
  partition: string;
  accounts: AccountInventory[];
}
