import { z } from 'zod';
import type { Finding, Origin } from '../findings/model.ts';
import { placeProduct } from './global.ts';
import { producerOf } from './product.ts';
import { accountId, isoDateTime, issueReason, toIso, type Normalized } from './schema.ts';
import { fromGuardDuty } from './severity.ts';

const named = z.object({ arn: z.string().optional(), name: z.string().optional() });

/** The GuardDuty `Finding` (GetFindings, or the `detail` of a `GuardDuty Finding` event). */
const guardDutySchema = z.object({
  accountId,
  arn: z.string().regex(/^arn:[a-z-]+:guardduty:[a-z0-9-]+:\d{12}:detector\/[^/]+\/finding\/[^/]+$/, 'is not a GuardDuty finding ARN'),
  createdAt: isoDateTime,
  id: z.string().min(1),
  region: z.string().min(1),
  partition: z.string().min(1).optional(),
  schemaVersion: z.string().min(1),
  severity: z.number().min(0).max(10),
  // The API reference says at most 50 characters; real types are longer
  // (UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS has 68).
  type: z.string().min(1).max(256),
  updatedAt: isoDateTime,
  title: z.string().optional(),
  description: z.string().optional(),
  resource: z.object({
    resourceType: z.string().min(1),
    accessKeyDetails: z.object({ accessKeyId: z.string().optional() }).optional(),
    instanceDetails: z.object({ instanceId: z.string().optional() }).optional(),
    s3BucketDetails: z.array(named).optional(),
    eksClusterDetails: named.optional(),
    ecsClusterDetails: named.optional(),
    lambdaDetails: z.object({ functionArn: z.string().optional(), functionName: z.string().optional() }).optional(),
    rdsDbInstanceDetails: z.object({ dbInstanceArn: z.string().optional(), dbInstanceIdentifier: z.string().optional() }).optional(),
    containerDetails: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  }),
  service: z
    .object({
      archived: z.boolean().optional(),
      eventFirstSeen: isoDateTime.optional(),
      eventLastSeen: isoDateTime.optional(),
    })
    .optional(),
});
type GuardDutyFinding = z.infer<typeof guardDutySchema>;

/** A GuardDuty finding as a Rampart finding, with the same id as its Security Hub (ASFF) copy. */
export function normalizeGuardDuty(doc: unknown, ctx: { origin: Origin }): Normalized {
  const parsed = guardDutySchema.safeParse(doc, { reportInput: true });
  if (!parsed.success) return { ok: false, reason: issueReason(parsed.error) };
  const g = parsed.data;
  const partition = g.partition ?? g.arn.split(':')[1]!;
  // GuardDuty's product as Security Hub names it, so that both copies share the producer identity.
  const producer = producerOf({ partition, account: '', company: 'aws', name: 'guardduty' });
  const placement = placeProduct({ producer, accountId: g.accountId, upstreamId: g.arn, region: g.region });
  const resource = resourceOf(g, partition);

  const finding: Finding = {
    id: placement.id,
    source: 'guardduty',
    checkId: g.type,
    accountId: g.accountId,
    region: placement.region,
    regions: placement.regions,
    resourceId: resource.id,
    resourceType: resource.type,
    status: 'FAIL',
    severity: fromGuardDuty(g.severity),
    title: g.title || g.type,
    reason: g.description || g.title || g.type,
    description: g.description,
    framework: '',
    requirements: [],
    type: g.type,
    product: 'GuardDuty',
    createdAt: toIso(g.service?.eventFirstSeen ?? g.createdAt),
    updatedAt: toIso(g.updatedAt),
    observedAt: toIso(g.service?.eventLastSeen ?? g.updatedAt),
    recordState: g.service?.archived ? 'ARCHIVED' : 'ACTIVE',
    origin: ctx.origin,
    raw: { format: 'guardduty', document: doc },
  };
  return { ok: true, finding };
}

/**
 * The most specific resource, written as Security Hub writes the same finding's first resource
 * (instance ARN, `AWS::IAM::AccessKey:<id>`, bucket ARN, ...), so both copies agree.
 */
function resourceOf(g: GuardDutyFinding, partition: string): { type: string; id: string } {
  const r = g.resource;
  const candidates: [string, string | undefined][] = [
    ['AwsEc2Instance', r.instanceDetails?.instanceId && `arn:${partition}:ec2:${g.region}:${g.accountId}:instance/${r.instanceDetails.instanceId}`],
    ['AwsIamAccessKey', r.accessKeyDetails?.accessKeyId && `AWS::IAM::AccessKey:${r.accessKeyDetails.accessKeyId}`],
    ['AwsS3Bucket', r.s3BucketDetails?.[0]?.arn ?? (r.s3BucketDetails?.[0]?.name && `arn:${partition}:s3:::${r.s3BucketDetails[0].name}`)],
    ['AwsEksCluster', r.eksClusterDetails?.arn ?? r.eksClusterDetails?.name],
    ['AwsEcsCluster', r.ecsClusterDetails?.arn ?? r.ecsClusterDetails?.name],
    ['AwsLambdaFunction', r.lambdaDetails?.functionArn ?? r.lambdaDetails?.functionName],
    ['AwsRdsDbInstance', r.rdsDbInstanceDetails?.dbInstanceArn ?? r.rdsDbInstanceDetails?.dbInstanceIdentifier],
    ['Container', r.containerDetails?.id ?? r.containerDetails?.name],
  ];
  const preferred = PREFERRED[r.resourceType];
  const hit = candidates.find(([type, id]) => id && type === preferred) ?? candidates.find(([, id]) => id);
  return hit ? { type: hit[0], id: hit[1]! } : { type: r.resourceType, id: `AWS::::Account:${g.accountId}` };
}

/** GuardDuty `resourceType` → the ASFF type of the detail that names it. */
const PREFERRED: Record<string, string> = {
  Instance: 'AwsEc2Instance',
  AccessKey: 'AwsIamAccessKey',
  S3Bucket: 'AwsS3Bucket',
  S3Object: 'AwsS3Bucket',
  EKSCluster: 'AwsEksCluster',
  ECSCluster: 'AwsEcsCluster',
  Lambda: 'AwsLambdaFunction',
  RDSDBInstance: 'AwsRdsDbInstance',
  Container: 'Container',
};
