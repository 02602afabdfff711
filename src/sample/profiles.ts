/**
 * How well an account is run. The generator draws every setting from these knobs, so a profile is the
 * whole difference between the well-run management account and a neglected sandbox.
 */
export type ProfileKind = 'management' | 'security' | 'prod' | 'dev' | 'sandbox';

export type Range = readonly [number, number];

/** Trail set-ups, from a complete CIS monitoring chain down to no trail at all. */
export type TrailMode = 'exemplary' | 'mostly' | 'weak' | 'regional' | 'none';

export interface AccountProfile {
  kind: ProfileKind;
  root: { mfa: 'hardware' | 'virtual' | 'none'; accessKeys: 0 | 1 | 2; lastUsedDaysAgo: number | null };
  passwordPolicy: 'cis' | 'short-reuse' | 'weak' | 'none';
  users: {
    count: Range;
    /** Share of users with a console password (the rest are programmatic service users). */
    console: number;
    mfa: number;
    /** Share whose password or key has been unused for 45 days or more. */
    stale: number;
    /** Share of service users whose active key is older than 90 days. */
    oldKey: number;
    twoKeys: number;
    /** Share of console users who got an access key at creation and never used it. */
    keyAtSetup: number;
    directPolicies: number;
  };
  securityContact: boolean;
  supportRole: boolean;
  cloudShellAttached: boolean;
  /** `aws-managed`: AdministratorAccess attached; `customer`: an own `*:*` policy attached. */
  adminPolicy: 'none' | 'aws-managed' | 'customer';
  expiredCertificate: boolean;
  accountPublicAccessBlock: 'all' | 'partial' | 'none';
  buckets: { count: Range; tlsOnly: number; publicRead: number; versioning: number; mfaDelete: number; logging: number; blockPublicAccess: number };
  trail: TrailMode;
  /** Probability per scanned region that the service is on; the home region has it whenever above 0. */
  coverage: { config: number; analyzer: number; securityHub: number; guardDuty: number; ebsDefault: number };
  workloadRegions: Range;
  network: {
    customVpcs: Range;
    /** Share of security groups that open SSH/RDP (or everything) to the internet. */
    openAdmin: number;
    defaultSgOpen: number;
    flowLogs: number;
    /** Default NACLs left as AWS creates them (allow all, which includes 22 and 3389). */
    defaultNaclOpen: number;
  };
  instances: { perRegion: Range; imdsv2: number; instanceProfile: number };
  rds: { perRegion: Range; encrypted: number; publiclyAccessible: number; autoMinorUpgrade: number };
  efs: { perRegion: Range; encrypted: number };
  kms: { customerKeys: Range; rotation: number };
}

const management: AccountProfile = {
  kind: 'management',
  root: { mfa: 'hardware', accessKeys: 0, lastUsedDaysAgo: 212 },
  passwordPolicy: 'cis',
  users: { count: [2, 4], console: 0.5, mfa: 1, stale: 0, oldKey: 0, twoKeys: 0, keyAtSetup: 0, directPolicies: 0 },
  securityContact: true,
  supportRole: true,
  cloudShellAttached: false,
  adminPolicy: 'none',
  expiredCertificate: false,
  accountPublicAccessBlock: 'all',
  buckets: { count: [1, 2], tlsOnly: 1, publicRead: 0, versioning: 1, mfaDelete: 0.5, logging: 1, blockPublicAccess: 1 },
  trail: 'exemplary',
  coverage: { config: 1, analyzer: 1, securityHub: 1, guardDuty: 1, ebsDefault: 1 },
  workloadRegions: [1, 1],
  network: { customVpcs: [1, 1], openAdmin: 0, defaultSgOpen: 0, flowLogs: 1, defaultNaclOpen: 0 },
  instances: { perRegion: [0, 2], imdsv2: 1, instanceProfile: 1 },
  rds: { perRegion: [0, 0], encrypted: 1, publiclyAccessible: 0, autoMinorUpgrade: 1 },
  efs: { perRegion: [0, 0], encrypted: 1 },
  kms: { customerKeys: [1, 2], rotation: 1 },
};

const security: AccountProfile = {
  ...management,
  kind: 'security',
  root: { mfa: 'hardware', accessKeys: 0, lastUsedDaysAgo: null },
  users: { ...management.users, count: [1, 3] },
  buckets: { ...management.buckets, count: [2, 3] },
  network: { ...management.network, customVpcs: [1, 2] },
  instances: { perRegion: [1, 3], imdsv2: 1, instanceProfile: 1 },
  efs: { perRegion: [0, 1], encrypted: 1 },
};

const prod: AccountProfile = {
  kind: 'prod',
  root: { mfa: 'virtual', accessKeys: 0, lastUsedDaysAgo: 140 },
  passwordPolicy: 'short-reuse',
  users: { count: [3, 6], console: 0.4, mfa: 0.9, stale: 0.15, oldKey: 0.25, twoKeys: 0.1, keyAtSetup: 0, directPolicies: 0.15 },
  securityContact: true,
  supportRole: true,
  cloudShellAttached: false,
  adminPolicy: 'aws-managed',
  expiredCertificate: true,
  accountPublicAccessBlock: 'all',
  buckets: { count: [3, 5], tlsOnly: 0.75, publicRead: 0, versioning: 0.9, mfaDelete: 0, logging: 0.6, blockPublicAccess: 0.9 },
  trail: 'mostly',
  coverage: { config: 0.9, analyzer: 0.85, securityHub: 0.9, guardDuty: 0.95, ebsDefault: 0.85 },
  workloadRegions: [2, 3],
  network: { customVpcs: [1, 2], openAdmin: 0.06, defaultSgOpen: 0.2, flowLogs: 0.8, defaultNaclOpen: 0.6 },
  instances: { perRegion: [3, 8], imdsv2: 0.8, instanceProfile: 0.9 },
  rds: { perRegion: [1, 3], encrypted: 0.85, publiclyAccessible: 0, autoMinorUpgrade: 0.8 },
  efs: { perRegion: [0, 2], encrypted: 0.9 },
  kms: { customerKeys: [2, 5], rotation: 0.75 },
};

const dev: AccountProfile = {
  kind: 'dev',
  root: { mfa: 'virtual', accessKeys: 0, lastUsedDaysAgo: 9 },
  passwordPolicy: 'weak',
  users: { count: [5, 10], console: 0.6, mfa: 0.55, stale: 0.35, oldKey: 0.5, twoKeys: 0.2, keyAtSetup: 0.3, directPolicies: 0.5 },
  securityContact: false,
  supportRole: false,
  cloudShellAttached: true,
  adminPolicy: 'customer',
  expiredCertificate: false,
  accountPublicAccessBlock: 'partial',
  buckets: { count: [3, 6], tlsOnly: 0.3, publicRead: 0.1, versioning: 0.4, mfaDelete: 0, logging: 0.2, blockPublicAccess: 0.5 },
  trail: 'weak',
  coverage: { config: 0.5, analyzer: 0.4, securityHub: 0.5, guardDuty: 0.6, ebsDefault: 0.4 },
  workloadRegions: [1, 2],
  network: { customVpcs: [1, 2], openAdmin: 0.3, defaultSgOpen: 0.7, flowLogs: 0.3, defaultNaclOpen: 1 },
  instances: { perRegion: [2, 6], imdsv2: 0.4, instanceProfile: 0.6 },
  rds: { perRegion: [0, 2], encrypted: 0.5, publiclyAccessible: 0.3, autoMinorUpgrade: 0.5 },
  efs: { perRegion: [0, 1], encrypted: 0.5 },
  kms: { customerKeys: [1, 3], rotation: 0.3 },
};

const sandbox: AccountProfile = {
  kind: 'sandbox',
  root: { mfa: 'none', accessKeys: 1, lastUsedDaysAgo: 2 },
  passwordPolicy: 'none',
  users: { count: [3, 8], console: 0.7, mfa: 0.2, stale: 0.5, oldKey: 0.7, twoKeys: 0.3, keyAtSetup: 0.5, directPolicies: 0.8 },
  securityContact: false,
  supportRole: false,
  cloudShellAttached: true,
  adminPolicy: 'customer',
  expiredCertificate: true,
  accountPublicAccessBlock: 'none',
  buckets: { count: [2, 5], tlsOnly: 0.1, publicRead: 0.3, versioning: 0.2, mfaDelete: 0, logging: 0, blockPublicAccess: 0.2 },
  trail: 'regional',
  coverage: { config: 0, analyzer: 0.1, securityHub: 0, guardDuty: 0.2, ebsDefault: 0.1 },
  workloadRegions: [1, 2],
  network: { customVpcs: [0, 1], openAdmin: 0.6, defaultSgOpen: 1, flowLogs: 0, defaultNaclOpen: 1 },
  instances: { perRegion: [1, 5], imdsv2: 0.15, instanceProfile: 0.3 },
  rds: { perRegion: [0, 2], encrypted: 0.3, publiclyAccessible: 0.6, autoMinorUpgrade: 0.3 },
  efs: { perRegion: [0, 1], encrypted: 0.3 },
  kms: { customerKeys: [0, 2], rotation: 0 },
};

export const PROFILES: Record<ProfileKind, AccountProfile> = { management, security, prod, dev, sandbox };
