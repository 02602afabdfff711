import type { GlobalDatasets } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import { iamArn } from './context.ts';
import { credentialReport } from './credential-report.ts';
import { iamPolicies } from './iam-policies.ts';
import { generateUsers } from './users.ts';

type VirtualMfaDevice = GlobalDatasets['iam.virtualMfaDevices'][number];

type IamDatasets = Pick<
  GlobalDatasets,
  | 'iam.credentialReport'
  | 'iam.accountSummary'
  | 'iam.passwordPolicy'
  | 'iam.virtualMfaDevices'
  | 'iam.attachedPolicies'
  | 'iam.userPolicies'
  | 'iam.policyEntities'
  | 'iam.serverCertificates'
>;

function passwordPolicy(ctx: AccountContext): GlobalDatasets['iam.passwordPolicy'] {
  switch (ctx.profile.passwordPolicy) {
    case 'cis':
      return {
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        ExpirePasswords: false,
        PasswordReusePrevention: 24,
        HardExpiry: false,
      };
    case 'short-reuse':
      return {
        MinimumPasswordLength: 16,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        ExpirePasswords: true,
        MaxPasswordAge: 90,
        PasswordReusePrevention: 5,
        HardExpiry: false,
      };
    case 'weak':
      return {
        MinimumPasswordLength: 8,
        RequireSymbols: false,
        RequireNumbers: true,
        RequireUppercaseCharacters: false,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        ExpirePasswords: false,
        HardExpiry: false,
      };
    case 'none':
      return null;
  }
}

function serverCertificates(ctx: AccountContext): GlobalDatasets['iam.serverCertificates'] {
  const { rng, clock, profile } = ctx;
  if (profile.kind === 'management' || profile.kind === 'security') return [];
  const cert = (name: string, uploadedDaysAgo: number, expiresInDays: number) => ({
    Path: '/cloudfront/',
    ServerCertificateName: name,
    ServerCertificateId: `ASCA${rng.upperAlnum(17)}`,
    Arn: iamArn(ctx, `server-certificate/cloudfront/${name}`),
    UploadDate: clock.ago(uploadedDaysAgo),
    Expiration: expiresInDays >= 0 ? clock.ahead(expiresInDays) : clock.ago(-expiresInDays),
  });
  const certs = [cert(`${ctx.name}-www-2026`, 200, 165)];
  if (profile.expiredCertificate) certs.push(cert(`${ctx.name}-legacy-api`, 800, -rng.int(20, 300)));
  return certs;
}

export function iamDatasets(ctx: AccountContext): IamDatasets {
  const { profile, rng, clock } = ctx;
  const users = generateUsers(ctx);
  const policy = passwordPolicy(ctx);
  const policies = iamPolicies(ctx, users);
  const mfaUsers = users.filter((u) => u.mfa && rng.chance(0.8));
  const virtualMfaDevices: GlobalDatasets['iam.virtualMfaDevices'] = mfaUsers.map((u) => ({
    SerialNumber: iamArn(ctx, `mfa/${u.name.replace(/,/g, '-')}`),
    User: { Path: u.path, UserName: u.name, UserId: u.userId, Arn: u.arn, CreateDate: clock.ago(u.createdDaysAgo) },
    EnableDate: clock.ago(Math.max(0.1, u.createdDaysAgo - rng.int(0, 10))),
  }));
  if (profile.root.mfa === 'virtual') {
    virtualMfaDevices.unshift({
      SerialNumber: iamArn(ctx, 'mfa/root-account-mfa-device'),
      // The root user has no name or path; AWS leaves both fields out.
      User: { UserId: ctx.id, Arn: iamArn(ctx, 'root'), CreateDate: clock.ago(1500) } as VirtualMfaDevice['User'],
      EnableDate: clock.ago(rng.int(300, 1000)),
    });
  }
  const certificates = serverCertificates(ctx);
  const mfaInUse = users.filter((u) => u.mfa).length + (profile.root.mfa === 'none' ? 0 : 1);
  return {
    'iam.credentialReport': credentialReport(ctx, users, policy?.MaxPasswordAge),
    'iam.accountSummary': {
      AccessKeysPerUserQuota: 2,
      AccountAccessKeysPresent: profile.root.accessKeys > 0 ? 1 : 0,
      AccountMFAEnabled: profile.root.mfa === 'none' ? 0 : 1,
      AccountSigningCertificatesPresent: 0,
      AttachedPoliciesPerUserQuota: 10,
      GroupsQuota: 300,
      Groups: policies.groupCount,
      InstanceProfiles: rng.int(1, 6),
      MFADevices: mfaInUse,
      MFADevicesInUse: mfaInUse,
      Policies: policies.attachedPolicies.filter((p) => !p.policy.Arn?.includes('::aws:policy/')).length,
      PoliciesQuota: 1500,
      Roles: policies.roleCount,
      RolesQuota: 1000,
      ServerCertificates: certificates.length,
      ServerCertificatesQuota: 20,
      Users: users.length,
      UsersQuota: 5000,
    },
    'iam.passwordPolicy': policy,
    'iam.virtualMfaDevices': virtualMfaDevices,
    'iam.attachedPolicies': policies.attachedPolicies,
    'iam.userPolicies': policies.userPolicies,
    'iam.policyEntities': policies.policyEntities,
    'iam.serverCertificates': certificates,
  };
}
