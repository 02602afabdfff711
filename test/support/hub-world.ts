import type { AccountInventory } from '../../src/collect/inventory.ts';
import type { AsffDocument, EmulatorWorld, GuardDutyDocument, OrgAccount } from './emulator/index.ts';

// An organization with Security Hub and GuardDuty findings in every account and region, for the
// pull and export tests: management (the caller), a security-tooling account that can be made the
// delegated administrator, two workload accounts.

export const MANAGEMENT = '111111111111';
export const SECURITY = '222222222222';
export const WORKLOAD = '333333333333';
export const SANDBOX = '444444444444';
export const ACCOUNTS = [MANAGEMENT, SECURITY, WORKLOAD, SANDBOX];
export const ROLE = 'RampartAudit';
export const REGIONS = ['ap-southeast-2', 'eu-west-1', 'us-east-1'];
/** Opt-in region no account has enabled. */
export const DISABLED_REGION = 'me-south-1';
export const BASE_CREDENTIALS = { accessKeyId: 'AKIAEMULATORHUB00001', secretAccessKey: 'not-a-real-secret' };

const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
const GD_SEVERITY = [1, 2, 5, 8, 9.5];
/** Findings per account and region unless more are asked for: one of each severity, the CRITICAL one archived. */
export const PER_REGION = SEVERITIES.length;

/** Security Hub is not enabled here; every other account-region has it. */
export const NO_SECURITY_HUB = { accountId: WORKLOAD, region: 'ap-southeast-2' };
/** GuardDuty has no detector here. */
export const NO_DETECTOR = { accountId: WORKLOAD, region: 'eu-west-1' };

const ok = <T>(data: T) => ({ ok: true as const, data });

function inventoryOf(accountId: string): AccountInventory {
  const regional: AccountInventory['regional'] = {};
  for (const region of REGIONS) {
    const hubOff = accountId === NO_SECURITY_HUB.accountId && region === NO_SECURITY_HUB.region;
    const noDetector = accountId === NO_DETECTOR.accountId && region === NO_DETECTOR.region;
    regional[region] = {
      'securityhub.hub': ok(hubOff ? null : { hubArn: `arn:aws:securityhub:${region}:${accountId}:hub/default` }),
      'guardduty.detectors': ok(noDetector ? [] : [{ detectorId: `d${accountId}${region.replace(/-/g, '')}`, status: 'ENABLED' }]),
    };
  }
  return { accountId, regions: REGIONS, skippedRegions: [], global: {}, regional };
}

/** Minutes after 2026-11-01T00:00Z, as ISO. */
export const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1) + minutes * 60_000).toISOString();

/**
 * The n-th Security Hub finding of an account-region: control and Inspector findings alternate,
 * severities cycle from INFORMATIONAL to CRITICAL, and every fifth one (the CRITICAL) is archived.
 */
export function asffFinding(accountId: string, region: string, n: number): AsffDocument {
  const product = n % 2 ? 'inspector' : 'control';
  const productArn =
    product === 'control' ? `arn:aws:securityhub:${region}::product/aws/securityhub` : `arn:aws:securityhub:${region}::product/aws/inspector`;
  const id = `arn:aws:securityhub:${region}:${accountId}:finding/${product}-${n}`;
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: productArn,
    ProductName: product === 'control' ? 'Security Hub' : 'Inspector',
    CompanyName: 'AWS',
    GeneratorId: product === 'control' ? `security-control/IAM.${n}` : 'AWSInspector',
    AwsAccountId: accountId,
    Region: region,
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    CreatedAt: at(n),
    UpdatedAt: at(10 * n),
    Severity: { Label: SEVERITIES[n % SEVERITIES.length]! },
    Title: `${product} finding ${n}`,
    Description: `finding ${n} in ${accountId} ${region}`,
    Resources: [{ Type: 'AwsAccount', Id: `AWS::::Account:${accountId}`, Partition: 'aws', Region: region }],
    RecordState: n % SEVERITIES.length === 4 ? 'ARCHIVED' : 'ACTIVE',
    Workflow: { Status: 'NEW' },
    ...(product === 'control' ? { Compliance: { Status: 'FAILED', SecurityControlId: `IAM.${n}` } } : {}),
  };
}

/** The n-th GuardDuty finding of an account-region, cycling severities as `asffFinding` does. */
export function guardDutyFinding(accountId: string, region: string, n: number): GuardDutyDocument {
  return {
    SchemaVersion: '2.0',
    AccountId: accountId,
    Region: region,
    Partition: 'aws',
    Id: `gd${accountId}${region.replace(/-/g, '')}n${n}`,
    Arn: `arn:aws:guardduty:${region}:${accountId}:detector/d/finding/${n}`,
    Type: 'Recon:EC2/PortProbeUnprotectedPort',
    Resource: { ResourceType: 'Instance', InstanceDetails: { InstanceId: `i-${n}` } },
    Service: { ServiceName: 'guardduty', DetectorId: 'd', Archived: n % GD_SEVERITY.length === 4, Count: n + 1, EventFirstSeen: at(n), EventLastSeen: at(10 * n) },
    Severity: GD_SEVERITY[n % GD_SEVERITY.length]!,
    CreatedAt: at(n),
    UpdatedAt: at(10 * n),
    Title: `port probe ${n}`,
    Description: `probe ${n}`,
  };
}

export interface HubWorldOptions {
  /** Delegated administrator of both services. */
  admin?: string;
  /** Findings per account-region beyond the standard five, of each service (pagination). */
  extra?: number;
}

export function hubWorld(o: HubWorldOptions = {}): EmulatorWorld {
  const accounts: OrgAccount[] = ACCOUNTS.map((id, i) => ({
    Id: id,
    Name: ['management', 'security', 'workload', 'sandbox'][i]!,
    Email: `aws+${i}@example.com`,
    Status: 'ACTIVE',
    State: 'ACTIVE',
  }));
  const asff: AsffDocument[] = [];
  const gd: GuardDutyDocument[] = [];
  for (const accountId of ACCOUNTS) {
    for (const region of REGIONS) {
      for (let n = 0; n < PER_REGION + (o.extra ?? 0); n++) asff.push(asffFinding(accountId, region, n));
      for (let n = 0; n < PER_REGION + (o.extra ?? 0); n++) gd.push(guardDutyFinding(accountId, region, n));
    }
  }
  return {
    callerAccountId: MANAGEMENT,
    roleName: ROLE,
    organization: { accounts },
    regions: [...REGIONS.map((r) => ({ RegionName: r, OptInStatus: 'opt-in-not-required' as const })), { RegionName: DISABLED_REGION, OptInStatus: 'not-opted-in' }],
    inventory: { format: 'rampart-inventory', version: 1, collectedAt: at(0), partition: 'aws', accounts: ACCOUNTS.map(inventoryOf) },
    faults: [],
    hub: {
      securityhub: { findings: asff, ...(o.admin ? { adminAccountId: o.admin } : {}) },
      guardduty: { findings: gd, ...(o.admin ? { adminAccountId: o.admin } : {}) },
    },
  };
}

/** Findings stored for one account-region, as a pull that sees everything would return them. */
export function asffIn(world: EmulatorWorld, accountId: string, region: string, active = true): AsffDocument[] {
  return (world.hub?.securityhub?.findings ?? []).filter(
    (f) => f.AwsAccountId === accountId && f.Region === region && (!active || f.RecordState !== 'ARCHIVED'),
  );
}
