// Shapes of the JSON API served by `rampart serve` under /api (see /api/openapi.json).

export type Role = 'admin' | 'viewer' | 'account-owner';
export interface Session {
  user: string;
  role: Role;
  accounts: string[] | null;
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface DayRate {
  day: string;
  rate: number | null;
}

export interface Overview {
  day: string | null;
  framework: string;
  frameworks: string[];
  rate: number | null;
  compliant: number;
  nonCompliant: number;
  trend: DayRate[];
  sections: { section: string; rate: number | null; compliant: number; nonCompliant: number }[];
  openFindings: { bySeverity: Record<Severity, number>; bySource: Record<string, number> };
  /** `tier` is the 1-based escalation tier the failing streak has reached. */
  escalations: { accountId: string; accountName: string | null; control: string; title: string; days: number; tier: number }[];
  expiringExceptions: PolicyException[];
}

export const CELL_STATUSES = ['compliant', 'non_compliant', 'excepted', 'disabled', 'unknown'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];
export interface HeatCell {
  status: CellStatus;
  streak: number;
  failing: number;
}
export interface HeatControl {
  id: string;
  title: string;
  section: string;
}
export interface HeatAccount {
  id: string;
  name: string | null;
  cells: Record<string, HeatCell>;
}
export interface Heatmap {
  day: string | null;
  framework: string;
  frameworks: string[];
  controls: HeatControl[];
  groups: { ou: string; accounts: HeatAccount[] }[];
}
export interface HeatCellDetail {
  accountId: string;
  accountName: string | null;
  control: string;
  title: string;
  status: CellStatus | null;
  streak: number;
  day: string | null;
  remediation: string | null;
  regions: { region: string; findings: { id: string; resourceId: string; resourceType: string; status: string; reason: string }[] }[];
}

export interface Finding {
  id: string;
  source: string;
  control: string;
  accountId: string;
  accountName: string | null;
  region: string;
  resourceId: string;
  resourceType: string;
  type: string | null;
  status: string;
  severity: string;
  title: string;
  reason: string;
  firstSeen: string;
  lastSeen: string;
  resolvedAt: string | null;
}
export interface FindingsPage {
  total: number;
  items: Finding[];
}
export interface FindingGroups {
  groupBy: string;
  total: number;
  groups: { key: string; label: string; count: number }[];
}

export interface AccountSummary {
  id: string;
  name: string | null;
  ouPath: string | null;
  rate: number | null;
  openFindings: number;
  lastScannedAt: string | null;
}

export interface PolicyException {
  index: number;
  scope: string;
  control: string;
  resource: string | null;
  regions: string[] | null;
  reason: string;
  approver: string;
  approved: string;
  expires: string;
  expired: boolean;
  daysLeft: number;
  covered: number;
}

export interface Contact {
  name?: string;
  email?: string;
  slack?: string;
}

export interface AccountDetail {
  id: string;
  name: string | null;
  email: string | null;
  ouPath: string | null;
  owners: { owners: Contact[]; manager: Contact | null } | null;
  trend: DayRate[];
  openFindings: { bySeverity: Record<string, number>; total: number };
  exceptions: PolicyException[];
  escalations: { control: string; tier: number; days: number; sentAt: string; streakStart: string; recipients: string[] }[];
  lastScan: {
    id: string;
    source: string;
    startedAt: string;
    finishedAt: string | null;
    status: string;
    errors: { accountId?: string; region?: string; code: string; message: string }[];
  } | null;
}
