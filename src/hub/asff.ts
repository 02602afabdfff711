import { z } from 'zod';
import { RECORD_STATES, WORKFLOW_STATUSES, type Finding, type Origin, type Severity, type Status, type WorkflowStatus } from '../findings/model.ts';
import { ASFF_LIMITS, ASFF_SCHEMA_VERSION } from '../report/asff.ts';
import { placeControl, placeProduct } from './global.ts';
import { guardDutyTypeFromAsff } from './guardduty-type.ts';
import { parseProductArn, PRODUCT_ARN, producerOf, productName, sourceOf } from './product.ts';
import { accountId, isoDateTime, issueReason, toIso, type Normalized } from './schema.ts';
import { fromLabel, fromNormalized, SEVERITY_LABELS } from './severity.ts';

const text = (max: number) => z.string().min(1).max(max);

const severity = z
  .object({
    Label: z.enum(SEVERITY_LABELS).optional(),
    Normalized: z.number().int().min(0).max(100).optional(),
    Product: z.number().optional(),
  })
  .refine((s) => s.Label !== undefined || s.Normalized !== undefined || s.Product !== undefined, 'has no Label, Normalized or Product');

const compliance = z.object({
  Status: z.enum(['PASSED', 'WARNING', 'FAILED', 'NOT_AVAILABLE']).optional(),
  SecurityControlId: z.string().min(1).optional(),
  RelatedRequirements: z.array(z.string()).max(ASFF_LIMITS.relatedRequirements).optional(),
  AssociatedStandards: z.array(z.object({ StandardsId: z.string().min(1) })).max(ASFF_LIMITS.associatedStandards).optional(),
  StatusReasons: z.array(z.object({ ReasonCode: z.string().min(1), Description: z.string().optional() })).optional(),
});

/** The fields Rampart reads, with the limits Security Hub's BatchImportFindings enforces on them. */
const asffSchema = z.object({
  SchemaVersion: z.literal(ASFF_SCHEMA_VERSION),
  Id: text(ASFF_LIMITS.id),
  ProductArn: z.string().regex(PRODUCT_ARN, 'is not a Security Hub product ARN'),
  GeneratorId: text(ASFF_LIMITS.generatorId),
  AwsAccountId: accountId,
  AwsAccountName: z.string().optional(),
  ProductName: z.string().min(1).optional(),
  Region: z.string().min(1).optional(),
  Types: z.array(z.string().min(1)).min(1).max(50),
  CreatedAt: isoDateTime,
  UpdatedAt: isoDateTime,
  FirstObservedAt: isoDateTime.optional(),
  LastObservedAt: isoDateTime.optional(),
  Severity: severity,
  Title: text(ASFF_LIMITS.title),
  Description: text(ASFF_LIMITS.description),
  Remediation: z
    .object({
      Recommendation: z.object({ Text: z.string().max(ASFF_LIMITS.remediationText).optional(), Url: z.string().optional() }).optional(),
    })
    .optional(),
  Resources: z
    .array(z.object({ Type: z.string().min(1), Id: z.string().min(1) }))
    .min(1)
    .max(ASFF_LIMITS.resources),
  Compliance: compliance.optional(),
  ProductFields: z.object({ ControlId: z.string().min(1).optional() }).optional(),
  RecordState: z.enum(RECORD_STATES).optional(),
  Workflow: z.object({ Status: z.enum(WORKFLOW_STATUSES).optional() }).optional(),
  WorkflowState: z.enum(['NEW', 'ASSIGNED', 'IN_PROGRESS', 'DEFERRED', 'RESOLVED']).optional(),
});
type Asff = z.infer<typeof asffSchema>;

/** Legacy `WorkflowState`, as Security Hub maps it onto `Workflow.Status`. */
const WORKFLOW_STATE: Record<NonNullable<Asff['WorkflowState']>, WorkflowStatus> = {
  NEW: 'NEW',
  ASSIGNED: 'NOTIFIED',
  IN_PROGRESS: 'NOTIFIED',
  DEFERRED: 'SUPPRESSED',
  RESOLVED: 'RESOLVED',
};

const COMPLIANCE_STATUS: Record<'PASSED' | 'FAILED' | 'WARNING', Status> = { PASSED: 'PASS', FAILED: 'FAIL', WARNING: 'MANUAL' };

/** One ASFF finding (Security Hub GetFindings, an EventBridge event, an ASFF file) as a Rampart finding. */
export function normalizeAsff(doc: unknown, ctx: { origin: Origin }): Normalized {
  const parsed = asffSchema.safeParse(doc, { reportInput: true });
  if (!parsed.success) return { ok: false, reason: issueReason(parsed.error) };
  const d = parsed.data;
  const product = parseProductArn(d.ProductArn)!;
  const region = d.Region ?? product.region;
  if (!region) return { ok: false, reason: 'Region is missing and ProductArn names no region' };

  const source = sourceOf(product);
  const resource = d.Resources[0]!;
  const control = d.Compliance?.Status !== undefined;
  const framework = d.Compliance?.AssociatedStandards?.[0]?.StandardsId ?? '';
  const checkId = control
    ? (d.Compliance?.SecurityControlId ?? d.ProductFields?.ControlId ?? d.GeneratorId)
    : source === 'guardduty'
      ? guardDutyTypeFromAsff(d.Types)
      : d.GeneratorId;
  const placement = control
    ? placeControl({
        source,
        checkId,
        accountId: d.AwsAccountId,
        region,
        resourceType: resource.Type,
        resourceId: resource.Id,
        // Consolidated control findings (one per control and resource) have a `security-control/` generator.
        ...(source === 'securityhub' && !d.GeneratorId.startsWith('security-control/') ? { generator: d.GeneratorId } : {}),
      })
    : placeProduct({ producer: producerOf(product), accountId: d.AwsAccountId, upstreamId: d.Id, region });
  const outcome = control ? controlOutcome(d.Compliance!) : { status: 'FAIL' as const };
  const recommendation = d.Remediation?.Recommendation;
  const remediation = [recommendation?.Text, recommendation?.Url].filter(Boolean).join(' ');

  const finding: Finding = {
    id: placement.id,
    source,
    checkId,
    accountId: d.AwsAccountId,
    accountName: d.AwsAccountName,
    region: placement.region,
    regions: placement.regions,
    resourceId: resource.Id,
    resourceType: resource.Type,
    status: outcome.status,
    errorCode: outcome.errorCode,
    severity: severityOf(d.Severity),
    title: d.Title,
    reason: outcome.reason ?? d.Description,
    description: d.Description,
    framework,
    requirements: d.Compliance?.RelatedRequirements ?? [],
    remediation: remediation || undefined,
    type: d.Types[0],
    product: d.ProductName ?? productName(product),
    createdAt: toIso(d.FirstObservedAt ?? d.CreatedAt),
    updatedAt: toIso(d.UpdatedAt),
    observedAt: toIso(d.LastObservedAt ?? d.UpdatedAt),
    recordState: d.RecordState ?? 'ACTIVE',
    workflowStatus: d.Workflow?.Status ?? (d.WorkflowState ? WORKFLOW_STATE[d.WorkflowState] : undefined),
    origin: ctx.origin,
    raw: { format: 'asff', document: doc },
  };
  return { ok: true, finding };
}

function severityOf(s: Asff['Severity']): Severity {
  if (s.Label) return fromLabel(s.Label);
  // Product is the producer's own scale; with neither Label nor Normalized, reading it on the
  // Normalized scale is the only mapping Security Hub documents.
  return fromNormalized(s.Normalized ?? s.Product!);
}

interface Outcome {
  status: Status;
  errorCode?: string;
  /** The evaluation's own explanation, more precise than the control's description. */
  reason?: string;
}

const NOT_APPLICABLE_CODE = 'CONFIG_RETURNS_NOT_APPLICABLE';

function controlOutcome(c: NonNullable<Asff['Compliance']>): Outcome {
  const reasons = c.StatusReasons ?? [];
  const explained = reasons.map((r) => r.Description).filter(Boolean).join(' ') || undefined;
  if (c.Status !== 'NOT_AVAILABLE') return { status: COMPLIANCE_STATUS[c.Status!], reason: explained };
  if (reasons.some((r) => r.ReasonCode === NOT_APPLICABLE_CODE)) return { status: 'NOT_APPLICABLE', reason: explained };
  return { status: 'ERROR', errorCode: reasons[0]?.ReasonCode ?? 'NOT_AVAILABLE', reason: explained };
}
