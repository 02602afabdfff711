import { hash } from 'node:crypto';
import { findingId, GLOBAL_REGION } from '../findings/model.ts';

/**
 * Where an imported finding is filed, and under which id.
 *
 * Control findings (a rule's evaluation of one resource: ASFF `Compliance.Status`, OCSF
 * `compliance.control`) are keyed by what was evaluated: (source, control, account, region,
 * resource). Security Hub evaluates its controls in every region, so a control about a global
 * resource comes back once per region with a different upstream id each time; those copies are one
 * finding, filed under region `global`, its id built with `global` in place of the region.
 * Global means:
 * - the resource is an IAM user, role, policy, group or access key (IAM ARNs carry no region:
 *   `arn:aws:iam::<account>:...`; GuardDuty writes access keys as `AWS::IAM::AccessKey:<id>`), or
 *   the account-level S3 Block Public Access setting;
 * - or the control is about the account as a whole rather than a regional setting: `IAM.*` (except
 *   IAM.28, the regional Access Analyzer), `Account.*`, `S3.1` (account-level Block Public Access)
 *   and the IAM section of CIS 1.2.0 (`.../cis-aws-foundations-benchmark/v/1.2.0/rule/1.*`).
 * A resource type alone is not enough: `AwsAccount` is also the resource of regional controls such
 * as Config.1 or GuardDuty.1, and S3 bucket ARNs lack a region although buckets are regional.
 *
 * Product findings (detections: GuardDuty, Inspector, Macie, Access Analyzer, partners) keep the
 * identity their producer gave them: (product without its region, account, upstream id). Each is a
 * separate record upstream with its own lifecycle (archived, resolved, counted) even when two are
 * about the same IAM principal in two regions, and the same GuardDuty finding read from the
 * GuardDuty API, from Security Hub (ASFF) or as OCSF only shares that identity: the ASFF copy does
 * not carry the exact GuardDuty type (`Types` rewrites it, sometimes losing the threat purpose).
 */
export interface Placement {
  id: string;
  region: string;
  /** The region that reported this copy; the store unions them across copies. */
  regions: string[];
}

export interface ControlKey {
  source: string;
  checkId: string;
  accountId: string;
  region: string;
  resourceType: string;
  resourceId: string;
  /**
   * Set for standard-specific control findings: without consolidated control findings Security Hub
   * keeps one per standard for the same control and resource, each with its own generator
   * (`.../cis-aws-foundations-benchmark/v/1.2.0/rule/1.5`, `aws-foundational-security-best-practices/v/1.0.0/IAM.11`).
   */
  generator?: string;
}

export function placeControl(k: ControlKey): Placement {
  const global = isGlobalControl(k.checkId) || isGlobalResource(k.resourceType, k.resourceId);
  const region = global ? GLOBAL_REGION : k.region;
  return {
    id: findingId(k.source, k.checkId, k.accountId, region, k.resourceId, k.generator),
    region,
    regions: [k.region],
  };
}

export interface ProducerKey {
  /** From `producerOf`. */
  producer: string;
  accountId: string;
  upstreamId: string;
  region: string;
}

export function placeProduct(k: ProducerKey): Placement {
  // Same digest and length as findingId; the leading 'producer' keeps the two key spaces apart.
  const id = hash('sha256', ['producer', k.producer, k.accountId, k.upstreamId].join('\u0000')).slice(0, 32);
  return { id, region: k.region, regions: [k.region] };
}

const GLOBAL_RESOURCE_TYPES = new Set([
  'AwsIamAccessKey',
  'AwsIamGroup',
  'AwsIamPolicy',
  'AwsIamRole',
  'AwsIamUser',
  'AwsS3AccountPublicAccessBlock',
]);

export function isGlobalResource(type: string, id: string): boolean {
  return GLOBAL_RESOURCE_TYPES.has(type) || /^arn:[a-z-]+:iam::/.test(id) || id.startsWith('AWS::IAM::');
}

const GLOBAL_CONTROLS = /^(IAM\.\d+|Account\.\d+|S3\.1)$|\/cis-aws-foundations-benchmark\/v\/1\.2\.0\/rule\/1\.\d+$/;
const REGIONAL_EXCEPTIONS = new Set(['IAM.28']);

export function isGlobalControl(checkId: string): boolean {
  return GLOBAL_CONTROLS.test(checkId) && !REGIONAL_EXCEPTIONS.has(checkId);
}
