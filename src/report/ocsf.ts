import type { Finding, Severity, Status } from '../findings/model.ts';
import { reportAccounts } from './summary.ts';
import type { ReportInput } from './types.ts';

export const OCSF_VERSION = '1.3.0';
const COMPLIANCE_FINDING = 2003;
const FINDINGS_CATEGORY = 2;
const ACTIVITY_CREATE = 1;
/** OCSF account type id for an AWS account. */
const AWS_ACCOUNT_TYPE = 10;

const SEVERITY: Record<Severity, { id: number; name: string }> = {
  informational: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

/** OCSF compliance status: 1 Pass, 3 Fail; results that are neither are 99 Other with a caption. */
const COMPLIANCE_STATUS: Record<Status, { id: number; name: string }> = {
  PASS: { id: 1, name: 'Pass' },
  FAIL: { id: 3, name: 'Fail' },
  MANUAL: { id: 99, name: 'Manual' },
  NOT_APPLICABLE: { id: 99, name: 'Not Applicable' },
  ERROR: { id: 99, name: 'Error' },
};

export interface OcsfComplianceFinding {
  activity_id: number;
  activity_name: string;
  category_uid: number;
  category_name: string;
  class_uid: number;
  class_name: string;
  type_uid: number;
  type_name: string;
  severity_id: number;
  severity: string;
  status_code: Status;
  status_detail: string;
  time: number;
  time_dt: string;
  metadata: {
    version: string;
    profiles: string[];
    product: { name: string; vendor_name: string };
    event_code: string;
  };
  finding_info: { uid: string; title: string; desc: string };
  compliance: {
    standards: string[];
    requirements: string[];
    control: string;
    status: string;
    status_id: number;
  };
  cloud: {
    provider: 'AWS';
    account: { uid: string; name?: string; type: string; type_id: number };
    region: string;
  };
  resources: { uid: string; type: string; region: string; cloud_partition: string }[];
  remediation?: { desc: string };
  unmapped?: Record<string, unknown>;
}

export function toOcsf(f: Finding, input: ReportInput, accountName?: string): OcsfComplianceFinding {
  const observed = new Date(f.observedAt);
  const time = Number.isNaN(observed.getTime()) ? new Date(input.scan.finishedAt) : observed;
  const severity = SEVERITY[f.severity];
  const status = COMPLIANCE_STATUS[f.status];
  const unmapped: Record<string, unknown> = { source: f.source };
  if (f.errorCode) unmapped.error_code = f.errorCode;
  if (f.evidence !== undefined) unmapped.evidence = f.evidence;
  const name = accountName ?? f.accountName;

  return {
    activity_id: ACTIVITY_CREATE,
    activity_name: 'Create',
    category_uid: FINDINGS_CATEGORY,
    category_name: 'Findings',
    class_uid: COMPLIANCE_FINDING,
    class_name: 'Compliance Finding',
    type_uid: COMPLIANCE_FINDING * 100 + ACTIVITY_CREATE,
    type_name: 'Compliance Finding: Create',
    severity_id: severity.id,
    severity: severity.name,
    status_code: f.status,
    status_detail: f.reason,
    time: time.getTime(),
    time_dt: time.toISOString(),
    metadata: {
      version: OCSF_VERSION,
      profiles: ['cloud', 'datetime'],
      product: { name: 'Rampart', vendor_name: 'Rampart' },
      event_code: f.checkId,
    },
    finding_info: { uid: f.id, title: f.title, desc: describe(f, input) },
    compliance: {
      standards: [f.framework],
      requirements: f.requirements,
      control: f.checkId,
      status: status.name,
      status_id: status.id,
    },
    cloud: {
      provider: 'AWS',
      account: { uid: f.accountId, ...(name ? { name } : {}), type: 'AWS Account', type_id: AWS_ACCOUNT_TYPE },
      region: f.region,
    },
    resources: [{ uid: f.resourceId, type: f.resourceType, region: f.region, cloud_partition: input.partition }],
    ...(f.remediation ? { remediation: { desc: f.remediation } } : {}),
    unmapped,
  };
}

/** What the finding checks: the framework requirements it counts for, or its title. */
function describe(f: Finding, input: ReportInput): string {
  if (f.framework !== input.framework.id) return f.title;
  const titles = input.framework.requirements
    .filter((r) => f.requirements.includes(r.id))
    .map((r) => `${input.framework.id} ${r.id}: ${r.title}`);
  return titles.length > 0 ? titles.join('; ') : f.title;
}

/** JSON lines, one OCSF Compliance Finding per finding. */
export function renderOcsf(input: ReportInput): string {
  const names = new Map(reportAccounts(input).map((a) => [a.id, a.name]));
  return input.findings.map((f) => `${JSON.stringify(toOcsf(f, input, names.get(f.accountId)))}\n`).join('');
}
