import { z } from 'zod';
import type { Finding, Origin, RecordState, Status, WorkflowStatus } from '../findings/model.ts';
import { asffResourceType } from '../report/asff.ts';
import { placeControl, placeProduct } from './global.ts';
import { guardDutyTypeFromAsff } from './guardduty-type.ts';
import { parseProductArn, producerOf, productName, sourceOf, type Product } from './product.ts';
import { accountId, isoDateTime, issueReason, toIso, type Normalized } from './schema.ts';
import { fromOcsf } from './severity.ts';

const FINDINGS_CATEGORY = 2;
// Milliseconds since the epoch, within what Date can represent (8.64e15), so converting never throws.
const epochMs = z.number().min(0).max(8.64e15);

const ocsfSchema = z.object({
  class_uid: z.number().int().refine((c) => Math.floor(c / 1000) === FINDINGS_CATEGORY, 'is not a class of the Findings category (2xxx)'),
  activity_id: z.number().int().optional(),
  severity_id: z.number().int(),
  severity: z.string().optional(),
  status_id: z.number().int().optional(),
  time: epochMs.optional(),
  time_dt: isoDateTime.optional(),
  metadata: z.object({
    product: z.object({ uid: z.string().optional(), name: z.string().optional(), vendor_name: z.string().optional() }),
    event_code: z.string().min(1).optional(),
  }),
  cloud: z.object({ account: z.object({ uid: accountId, name: z.string().optional() }), region: z.string().min(1).optional() }),
  finding_info: z.object({
    uid: z.string().min(1),
    title: z.string().optional(),
    desc: z.string().optional(),
    types: z.array(z.string()).optional(),
    analytic: z.object({ uid: z.string().optional(), name: z.string().optional() }).optional(),
    created_time: epochMs.optional(),
    created_time_dt: isoDateTime.optional(),
    first_seen_time: epochMs.optional(),
    first_seen_time_dt: isoDateTime.optional(),
    last_seen_time: epochMs.optional(),
    last_seen_time_dt: isoDateTime.optional(),
    modified_time: epochMs.optional(),
    modified_time_dt: isoDateTime.optional(),
  }),
  compliance: z
    .object({
      control: z.string().min(1).optional(),
      standards: z.array(z.string()).optional(),
      requirements: z.array(z.string()).optional(),
      status_id: z.number().int().optional(),
      status_code: z.string().optional(),
      status_detail: z.string().optional(),
    })
    .optional(),
  resources: z
    .array(
      z.object({
        uid: z.string().min(1).optional(),
        uid_alt: z.string().min(1).optional(),
        type: z.string().min(1).optional(),
        region: z.string().min(1).optional(),
        cloud_partition: z.string().min(1).optional(),
      }),
    )
    .optional(),
  remediation: z.object({ desc: z.string().optional(), references: z.array(z.string()).optional() }).optional(),
});
type Ocsf = z.infer<typeof ocsfSchema>;

const COMPLIANCE_STATUS: Record<number, Status> = { 1: 'PASS', 2: 'MANUAL', 3: 'FAIL' };
const LIFECYCLE: Record<number, { workflowStatus?: WorkflowStatus; recordState?: RecordState }> = {
  1: { workflowStatus: 'NEW' },
  2: { workflowStatus: 'NOTIFIED' },
  3: { workflowStatus: 'SUPPRESSED' },
  4: { workflowStatus: 'RESOLVED' },
  5: { recordState: 'ARCHIVED' },
  6: { recordState: 'ARCHIVED' },
};
const ACTIVITY_CLOSE = 3;

/** One OCSF finding of the new Security Hub (GetFindingsV2, `Findings Imported V2`) as a Rampart finding. */
export function normalizeOcsf(doc: unknown, ctx: { origin: Origin }): Normalized {
  const parsed = ocsfSchema.safeParse(doc, { reportInput: true });
  if (!parsed.success) return { ok: false, reason: issueReason(parsed.error) };
  const o = parsed.data;
  const info = o.finding_info;
  const first = o.resources?.[0];
  const product = productOf(o.metadata.product, first?.cloud_partition);
  if (!product) return { ok: false, reason: 'metadata.product has neither a product ARN uid nor a name' };
  const region = o.cloud.region ?? first?.region ?? product.region;
  if (!region) return { ok: false, reason: 'cloud.region is missing' };
  const updated = info.modified_time_dt ?? info.modified_time ?? o.time_dt ?? o.time;
  if (updated === undefined) return { ok: false, reason: 'finding_info.modified_time and time are missing' };

  const source = sourceOf(product);
  const accountId = o.cloud.account.uid;
  const resource = resourceOf(first, accountId);
  const c = o.compliance;
  const control = c?.control !== undefined && c.status_id !== undefined;
  const checkId = control
    ? c!.control!
    : (source === 'guardduty' ? guardDutyTypeFromAsff(info.types ?? []) : '') ||
      (o.metadata.event_code ?? info.analytic?.name ?? info.analytic?.uid ?? info.types?.[0] ?? String(o.class_uid));
  const placement = control
    ? placeControl({ source, checkId, accountId, region, resourceType: resource.type, resourceId: resource.id })
    : placeProduct({ producer: producerOf(product), accountId, upstreamId: info.uid, region });
  const outcome = control ? controlOutcome(c!) : { status: 'FAIL' as const };
  const lifecycle = LIFECYCLE[o.status_id ?? 0] ?? {};
  const closedBy = o.activity_id === ACTIVITY_CLOSE && lifecycle.workflowStatus !== 'SUPPRESSED' ? 'RESOLVED' : undefined;
  const remediation = [o.remediation?.desc, ...(o.remediation?.references ?? [])].filter(Boolean).join(' ');
  const updatedAt = toIso(updated);

  const finding: Finding = {
    id: placement.id,
    source,
    checkId,
    accountId,
    accountName: o.cloud.account.name,
    region: placement.region,
    regions: placement.regions,
    resourceId: resource.id,
    resourceType: resource.type,
    status: outcome.status,
    errorCode: outcome.errorCode,
    severity: fromOcsf(o.severity_id, o.severity),
    title: info.title || checkId,
    reason: outcome.reason ?? (info.desc || info.title || checkId),
    description: info.desc,
    framework: control ? (c!.standards?.[0] ?? '') : '',
    requirements: control ? (c!.requirements ?? []) : [],
    remediation: remediation || undefined,
    type: info.types?.[0],
    product: o.metadata.product.name ?? productName(product),
    createdAt: toIso(info.first_seen_time_dt ?? info.first_seen_time ?? info.created_time_dt ?? info.created_time ?? updated),
    updatedAt,
    observedAt: toIso(info.last_seen_time_dt ?? info.last_seen_time ?? updated),
    recordState: lifecycle.recordState ?? 'ACTIVE',
    workflowStatus: closedBy ?? lifecycle.workflowStatus,
    origin: ctx.origin,
    raw: { format: 'ocsf', document: doc },
  };
  return { ok: true, finding };
}

/**
 * The product from its ARN uid (`productv2/aws/guardduty`), else from its names, so that a
 * producer without an ARN (Prowler's own OCSF) still gets the source its ASFF findings get.
 */
function productOf(p: Ocsf['metadata']['product'], partition = 'aws'): Product | undefined {
  const fromArn = p.uid ? parseProductArn(p.uid) : undefined;
  if (fromArn) return fromArn;
  if (!p.name) return undefined;
  const vendor = slug(p.vendor_name ?? p.name);
  return { partition, region: '', account: '', company: vendor === 'amazon' ? 'aws' : vendor, name: slug(p.name) };
}

function slug(s: string): string {
  return s.trim().toLowerCase().replace(/\s+/g, '-');
}

/**
 * The first resource, spelt as ASFF spells it (`AwsEc2Instance`, the ARN, `AWS::::Account:<id>`) so
 * that a control finding read as ASFF or as OCSF is one finding.
 */
function resourceOf(r: NonNullable<Ocsf['resources']>[number] | undefined, account: string): { type: string; id: string } {
  const cfType = r?.type ?? 'AWS::::Account';
  const known = asffResourceType(cfType);
  const type = known === 'Other' ? cfType : known;
  const id = r?.uid_alt?.startsWith('arn:') ? r.uid_alt : (r?.uid ?? r?.uid_alt ?? account);
  return { type, id: type === 'AwsAccount' && /^\d{12}$/.test(id) ? `AWS::::Account:${id}` : id };
}

function controlOutcome(c: NonNullable<Ocsf['compliance']>): { status: Status; errorCode?: string; reason?: string } {
  const known = COMPLIANCE_STATUS[c.status_id!];
  if (known) return { status: known, reason: c.status_detail };
  if (/NOT_APPLICABLE/i.test(`${c.status_code ?? ''} ${c.status_detail ?? ''}`)) return { status: 'NOT_APPLICABLE', reason: c.status_detail };
  return { status: 'ERROR', errorCode: c.status_code || 'NOT_AVAILABLE', reason: c.status_detail };
}
