import type { AccountInventory, Inventory } from '../../src/collect/inventory.ts';
import type { EmulatorWorld } from '../support/emulator/index.ts';

export const MANAGEMENT = '111111111111';
export const MEMBER = '222222222222';
export const SUSPENDED = '333333333333';
export const ROLE = 'RampartAudit';
export const BASE_CREDENTIALS = { accessKeyId: 'AKIAEMULATORTEST0001', secretAccessKey: 'not-a-real-secret' };

const ok = <T>(data: T) => ({ ok: true as const, data });
const failed = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/main`;
const LOG_GROUP_ARN = `arn:aws:logs:us-east-1:${MANAGEMENT}:log-group:trail-logs:*`;
const TOPIC_ARN = `arn:aws:sns:us-east-1:${MANAGEMENT}:security-alarms`;
const SUPPORT_POLICY = 'arn:aws:iam::aws:policy/AWSSupportAccess';
const ADMIN_POLICY = `arn:aws:iam::${MANAGEMENT}:policy/admin`;

const trail = {
  Name: 'main',
  TrailARN: TRAIL_ARN,
  HomeRegion: 'us-east-1',
  IsMultiRegionTrail: true,
  IsOrganizationTrail: false,
  S3BucketName: 'trail-bucket',
  LogFileValidationEnabled: true,
  CloudWatchLogsLogGroupArn: LOG_GROUP_ARN,
  CloudWatchLogsRoleArn: `arn:aws:iam::${MANAGEMENT}:role/trail-to-logs`,
  KmsKeyId: `arn:aws:kms:us-east-1:${MANAGEMENT}:key/1111aaaa-0000-0000-0000-000000000001`,
  HasCustomEventSelectors: false,
  HasInsightSelectors: false,
  IncludeGlobalServiceEvents: true,
};

function key(region: string, n: number, extra: Record<string, unknown> = {}) {
  const id = `${n}111aaaa-0000-0000-0000-00000000000${n}`;
  return {
    KeyId: id,
    Arn: `arn:aws:kms:${region}:${MANAGEMENT}:key/${id}`,
    AWSAccountId: MANAGEMENT,
    CreationDate: '2024-03-01T10:00:00.000Z',
    Enabled: true,
    KeyState: 'Enabled' as const,
    KeyManager: 'CUSTOMER' as const,
    KeySpec: 'SYMMETRIC_DEFAULT' as const,
    KeyUsage: 'ENCRYPT_DECRYPT' as const,
    Origin: 'AWS_KMS' as const,
    ...extra,
  };
}

const managementAccount: AccountInventory = {
  accountId: MANAGEMENT,
  name: 'management',
  regions: ['us-east-1', 'eu-west-1'],
  skippedRegions: [],
  global: {
    'iam.credentialReport': ok({
      generatedTime: '2026-11-20T08:00:00.000Z',
      rows: [
        {
          user: '<root_account>',
          arn: `arn:aws:iam::${MANAGEMENT}:root`,
          user_creation_time: '2020-01-01T00:00:00+00:00',
          password_enabled: 'not_supported',
          mfa_active: 'true',
          access_key_1_active: 'false',
        },
        {
          user: 'alice',
          arn: `arn:aws:iam::${MANAGEMENT}:user/alice`,
          user_creation_time: '2023-05-01T09:30:00+00:00',
          password_enabled: 'true',
          mfa_active: 'false',
          access_key_1_active: 'true',
        },
        {
          user: 'bob',
          arn: `arn:aws:iam::${MANAGEMENT}:user/ops/bob`,
          user_creation_time: '2024-02-11T12:00:00+00:00',
          password_enabled: 'false',
          mfa_active: 'false',
          access_key_1_active: 'false',
        },
      ],
    }),
    'iam.accountSummary': ok({ AccountMFAEnabled: 1, AccountAccessKeysPresent: 0, Users: 2 }),
    'iam.passwordPolicy': ok({
      MinimumPasswordLength: 14,
      RequireSymbols: true,
      PasswordReusePrevention: 24,
      ExpirePasswords: false,
      AllowUsersToChangePassword: true,
    }),
    'iam.virtualMfaDevices': ok([
      {
        SerialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/root-account-mfa-device`,
        User: { Path: '/', Arn: `arn:aws:iam::${MANAGEMENT}:root`, UserId: MANAGEMENT, UserName: '', CreateDate: '2020-01-01T00:00:00.000Z' },
        EnableDate: '2020-01-02T00:00:00.000Z',
      },
      { SerialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/spare` },
      {
        SerialNumber: `arn:aws:iam::${MANAGEMENT}:mfa/alice`,
        User: { Path: '/', Arn: `arn:aws:iam::${MANAGEMENT}:user/alice`, UserId: 'AIDAALICE', UserName: 'alice', CreateDate: '2023-05-01T09:30:00.000Z' },
        EnableDate: '2023-05-02T00:00:00.000Z',
      },
    ]),
    'iam.attachedPolicies': ok([
      {
        policy: {
          PolicyName: 'admin',
          Arn: ADMIN_POLICY,
          PolicyId: 'ANPAADMIN',
          Path: '/',
          DefaultVersionId: 'v3',
          AttachmentCount: 1,
          IsAttachable: true,
          CreateDate: '2023-01-01T00:00:00.000Z',
          UpdateDate: '2023-06-01T00:00:00.000Z',
        },
        document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
      },
      {
        policy: {
          PolicyName: 'AWSSupportAccess',
          Arn: SUPPORT_POLICY,
          PolicyId: 'ANPASUPPORT',
          Path: '/',
          DefaultVersionId: 'v1',
          AttachmentCount: 1,
          IsAttachable: true,
          CreateDate: '2015-01-01T00:00:00.000Z',
          UpdateDate: '2015-01-01T00:00:00.000Z',
        },
        document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'support:*', Resource: '*' }] }),
      },
    ]),
    'iam.userPolicies': ok([
      {
        userName: 'alice',
        arn: `arn:aws:iam::${MANAGEMENT}:user/alice`,
        attachedPolicies: [{ PolicyName: 'admin', PolicyArn: ADMIN_POLICY }],
        inlinePolicyNames: ['inline-a', 'inline-b', 'inline-c'],
      },
      { userName: 'bob', arn: `arn:aws:iam::${MANAGEMENT}:user/ops/bob`, attachedPolicies: [], inlinePolicyNames: [] },
    ]),
    'iam.policyEntities': ok({
      [SUPPORT_POLICY]: ok({
        roles: [
          { RoleName: 'support', RoleId: 'AROASUPPORT' },
          { RoleName: 'support-2', RoleId: 'AROASUPPORT2' },
        ],
        users: [{ UserName: 'alice', UserId: 'AIDAALICE' }],
        groups: [{ GroupName: 'helpdesk', GroupId: 'AGPAHELP' }],
      }),
      'arn:aws:iam::aws:policy/AWSCloudShellFullAccess': failed('AccessDenied', 'not allowed to list entities'),
    }),
    'iam.serverCertificates': ok([
      {
        Path: '/',
        ServerCertificateName: 'old-cert',
        ServerCertificateId: 'ASCAOLD',
        Arn: `arn:aws:iam::${MANAGEMENT}:server-certificate/old-cert`,
        UploadDate: '2019-01-01T00:00:00.000Z',
        Expiration: '2020-01-01T00:00:00.000Z',
      },
    ]),
    'account.securityContact': ok({
      AlternateContactType: 'SECURITY',
      Name: 'Security Team',
      EmailAddress: 'security@example.com',
      PhoneNumber: '+1-555-0100',
      Title: 'CISO',
    }),
    's3.buckets': ok([
      {
        name: 'logs-bucket',
        creationDate: '2022-01-01T00:00:00.000Z',
        region: 'us-east-1',
        policy: ok(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] })),
        acl: ok({
          owner: { ID: 'owner-canonical-id', DisplayName: 'owner' },
          grants: [
            { Grantee: { Type: 'CanonicalUser', ID: 'owner-canonical-id', DisplayName: 'owner' }, Permission: 'FULL_CONTROL' },
            { Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/s3/LogDelivery' }, Permission: 'WRITE' },
          ],
        }),
        versioning: ok({ status: 'Enabled', mfaDelete: 'Disabled' }),
        logging: ok({ TargetBucket: 'access-logs', TargetPrefix: 'logs-bucket/' }),
        publicAccessBlock: ok({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true }),
      },
      {
        name: 'eu-data',
        creationDate: '2023-04-05T06:07:08.000Z',
        region: 'eu-west-1',
        policy: ok(null),
        acl: ok({ owner: { ID: 'owner-canonical-id' }, grants: [] }),
        versioning: ok({}),
        logging: ok(null),
        publicAccessBlock: ok(null),
      },
      {
        name: 'locked-bucket',
        creationDate: '2024-01-01T00:00:00.000Z',
        region: 'us-east-1',
        policy: failed('AccessDenied', 'Access Denied'),
        acl: failed('AccessDenied', 'Access Denied'),
        versioning: failed('AccessDenied', 'Access Denied'),
        logging: failed('AccessDenied', 'Access Denied'),
        publicAccessBlock: failed('AccessDenied', 'Access Denied'),
      },
    ]),
    's3control.publicAccessBlock': ok({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false }),
    'cloudtrail.trailDetails': ok({
      [TRAIL_ARN]: {
        trail,
        status: ok({
          IsLogging: true,
          LatestDeliveryTime: '2026-11-20T07:59:00.000Z',
          StartLoggingTime: '2024-01-01T00:00:00.000Z',
          LatestCloudWatchLogsDeliveryTime: '2026-11-20T07:58:00.000Z',
        }),
        selectors: ok({
          eventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
          advancedEventSelectors: [],
        }),
      },
    }),
    'monitoring.chain': ok({
      metricFilters: {
        [LOG_GROUP_ARN]: ok([
          {
            filterName: 'root-usage',
            filterPattern: '{ $.userIdentity.type = "Root" }',
            logGroupName: 'trail-logs',
            creationTime: 1700000000000,
            metricTransformations: [{ metricName: 'RootUsage', metricNamespace: 'CISBenchmark', metricValue: '1' }],
          },
          {
            filterName: 'unauthorized-calls',
            filterPattern: '{ $.errorCode = "AccessDenied*" }',
            logGroupName: 'trail-logs',
            creationTime: 1700000000000,
            metricTransformations: [{ metricName: 'UnauthorizedCalls', metricNamespace: 'CISBenchmark', metricValue: '1' }],
          },
          {
            filterName: 'console-no-mfa',
            filterPattern: '{ $.additionalEventData.MFAUsed != "Yes" }',
            logGroupName: 'trail-logs',
            creationTime: 1700000000000,
            metricTransformations: [{ metricName: 'ConsoleNoMfa', metricNamespace: 'CISBenchmark', metricValue: '1' }],
          },
        ]),
      },
      alarms: {
        'us-east-1': ok([
          {
            AlarmName: 'root-usage',
            AlarmArn: `arn:aws:cloudwatch:us-east-1:${MANAGEMENT}:alarm:root-usage`,
            MetricName: 'RootUsage',
            Namespace: 'CISBenchmark',
            StateValue: 'OK',
            AlarmActions: [TOPIC_ARN],
            ActionsEnabled: true,
            StateUpdatedTimestamp: '2026-11-01T00:00:00.000Z',
            Statistic: 'Sum',
            Period: 300,
            EvaluationPeriods: 1,
            Threshold: 1,
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          },
        ]),
      },
      topicSubscriptions: {
        [TOPIC_ARN]: ok([
          { SubscriptionArn: `${TOPIC_ARN}:sub-1`, Owner: MANAGEMENT, Protocol: 'email', Endpoint: 'sec@example.com', TopicArn: TOPIC_ARN },
          { SubscriptionArn: `${TOPIC_ARN}:sub-2`, Owner: MANAGEMENT, Protocol: 'https', Endpoint: 'https://hooks.example.com/x', TopicArn: TOPIC_ARN },
          { SubscriptionArn: 'PendingConfirmation', Owner: MANAGEMENT, Protocol: 'email', Endpoint: 'new@example.com', TopicArn: TOPIC_ARN },
        ]),
      },
    }),
  },
  regional: {
    'us-east-1': {
      'cloudtrail.trails': ok([trail]),
      'config.recorders': ok({
        recorders: [
          {
            name: 'default',
            roleARN: `arn:aws:iam::${MANAGEMENT}:role/config`,
            recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [] },
          },
        ],
        statuses: [{ name: 'default', recording: true, lastStatus: 'Success', lastStartTime: '2026-11-19T00:00:00.000Z' }],
      }),
      'accessanalyzer.analyzers': ok([
        {
          arn: `arn:aws:access-analyzer:us-east-1:${MANAGEMENT}:analyzer/org`,
          name: 'org',
          type: 'ORGANIZATION',
          createdAt: '2024-01-01T00:00:00.000Z',
          status: 'ACTIVE',
        },
        {
          arn: `arn:aws:access-analyzer:us-east-1:${MANAGEMENT}:analyzer/account`,
          name: 'account',
          type: 'ACCOUNT',
          createdAt: '2024-02-01T00:00:00.000Z',
          status: 'ACTIVE',
        },
        {
          arn: `arn:aws:access-analyzer:us-east-1:${MANAGEMENT}:analyzer/unused`,
          name: 'unused',
          type: 'ACCOUNT_UNUSED_ACCESS',
          createdAt: '2024-03-01T00:00:00.000Z',
          status: 'ACTIVE',
        },
      ]),
      'securityhub.hub': ok({ hubArn: `arn:aws:securityhub:us-east-1:${MANAGEMENT}:hub/default` }),
      'guardduty.detectors': ok([{ detectorId: 'd-east', status: 'ENABLED' }]),
      'kms.keys': ok([
        { metadata: key('us-east-1', 1), rotationEnabled: ok(true) },
        { metadata: key('us-east-1', 2), rotationEnabled: failed('AccessDeniedException', 'no kms:GetKeyRotationStatus') },
        { metadata: key('us-east-1', 3, { KeyManager: 'AWS' }) },
      ]),
      'ec2.ebsEncryptionByDefault': ok(true),
      'ec2.vpcs': ok([
        { VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', IsDefault: true, State: 'available', OwnerId: MANAGEMENT },
        { VpcId: 'vpc-2', CidrBlock: '10.1.0.0/16', IsDefault: false, State: 'available', OwnerId: MANAGEMENT },
        { VpcId: 'vpc-3', CidrBlock: '10.2.0.0/16', IsDefault: false, State: 'available', OwnerId: MANAGEMENT, Tags: [{ Key: 'Name', Value: 'three' }] },
      ]),
      'ec2.flowLogs': ok([
        {
          FlowLogId: 'fl-1',
          ResourceId: 'vpc-2',
          TrafficType: 'REJECT',
          LogDestinationType: 'cloud-watch-logs',
          LogGroupName: 'flow-logs',
          FlowLogStatus: 'ACTIVE',
          DeliverLogsStatus: 'SUCCESS',
          CreationTime: '2024-06-01T00:00:00.000Z',
        },
      ]),
      'ec2.securityGroups': ok([
        {
          GroupId: 'sg-1',
          GroupName: 'default',
          VpcId: 'vpc-1',
          OwnerId: MANAGEMENT,
          Description: 'default VPC security group',
          IpPermissions: [
            {
              IpProtocol: 'tcp',
              FromPort: 22,
              ToPort: 22,
              IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'ssh from anywhere' }],
              Ipv6Ranges: [{ CidrIpv6: '::/0' }],
              UserIdGroupPairs: [],
              PrefixListIds: [],
            },
          ],
          IpPermissionsEgress: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] }],
        },
        { GroupId: 'sg-2', GroupName: 'web', VpcId: 'vpc-2', OwnerId: MANAGEMENT, Description: 'web', IpPermissions: [], IpPermissionsEgress: [] },
        { GroupId: 'sg-3', GroupName: 'db', VpcId: 'vpc-2', OwnerId: MANAGEMENT, Description: 'db', IpPermissions: [], IpPermissionsEgress: [] },
      ]),
      'ec2.networkAcls': ok([
        {
          NetworkAclId: 'acl-1',
          VpcId: 'vpc-1',
          IsDefault: true,
          OwnerId: MANAGEMENT,
          Entries: [
            { RuleNumber: 100, Protocol: '-1', RuleAction: 'allow', Egress: false, CidrBlock: '0.0.0.0/0' },
            { RuleNumber: 32767, Protocol: '-1', RuleAction: 'deny', Egress: false, CidrBlock: '0.0.0.0/0' },
          ],
          Associations: [],
        },
      ]),
      'ec2.instances': ok([
        {
          InstanceId: 'i-0001',
          InstanceType: 't3.micro',
          State: { Code: 16, Name: 'running' },
          VpcId: 'vpc-1',
          LaunchTime: '2025-01-01T00:00:00.000Z',
          MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', State: 'applied' },
        },
        {
          InstanceId: 'i-0002',
          InstanceType: 't3.small',
          State: { Code: 80, Name: 'stopped' },
          VpcId: 'vpc-2',
          LaunchTime: '2025-02-01T00:00:00.000Z',
          MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled', State: 'applied' },
        },
        {
          InstanceId: 'i-0003',
          InstanceType: 't3.small',
          State: { Code: 16, Name: 'running' },
          VpcId: 'vpc-2',
          LaunchTime: '2025-03-01T00:00:00.000Z',
        },
      ]),
      'rds.instances': ok([
        {
          DBInstanceIdentifier: 'db-1',
          DBInstanceArn: `arn:aws:rds:us-east-1:${MANAGEMENT}:db:db-1`,
          Engine: 'postgres',
          StorageEncrypted: true,
          PubliclyAccessible: false,
          AutoMinorVersionUpgrade: true,
          InstanceCreateTime: '2024-01-01T00:00:00.000Z',
          VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-3', Status: 'active' }],
        },
        {
          DBInstanceIdentifier: 'db-2',
          DBInstanceArn: `arn:aws:rds:us-east-1:${MANAGEMENT}:db:db-2`,
          Engine: 'mysql',
          StorageEncrypted: false,
          PubliclyAccessible: true,
          AutoMinorVersionUpgrade: false,
        },
        {
          DBInstanceIdentifier: 'db-3',
          DBInstanceArn: `arn:aws:rds:us-east-1:${MANAGEMENT}:db:db-3`,
          Engine: 'mysql',
          StorageEncrypted: true,
        },
      ]),
      'efs.fileSystems': ok([
        {
          FileSystemId: 'fs-1',
          FileSystemArn: `arn:aws:elasticfilesystem:us-east-1:${MANAGEMENT}:file-system/fs-1`,
          CreationToken: 'token-1',
          OwnerId: MANAGEMENT,
          CreationTime: '2024-01-01T00:00:00.000Z',
          LifeCycleState: 'available',
          NumberOfMountTargets: 1,
          SizeInBytes: { Value: 6144 },
          PerformanceMode: 'generalPurpose',
          Encrypted: true,
          Tags: [],
        },
        {
          FileSystemId: 'fs-2',
          FileSystemArn: `arn:aws:elasticfilesystem:us-east-1:${MANAGEMENT}:file-system/fs-2`,
          CreationToken: 'token-2',
          OwnerId: MANAGEMENT,
          CreationTime: '2024-02-01T00:00:00.000Z',
          LifeCycleState: 'available',
          NumberOfMountTargets: 0,
          SizeInBytes: { Value: 0 },
          PerformanceMode: 'generalPurpose',
          Encrypted: false,
          Tags: [{ Key: 'team', Value: 'data' }],
        },
        {
          FileSystemId: 'fs-3',
          CreationToken: 'token-3',
          OwnerId: MANAGEMENT,
          CreationTime: '2024-03-01T00:00:00.000Z',
          LifeCycleState: 'available',
          NumberOfMountTargets: 0,
          SizeInBytes: { Value: 0 },
          PerformanceMode: 'maxIO',
          Encrypted: true,
          Tags: [],
        },
      ]),
    },
    'eu-west-1': {
      'cloudtrail.trails': ok([trail]),
      'config.recorders': failed('AccessDeniedException', 'not authorized to perform config:DescribeConfigurationRecorders'),
      'securityhub.hub': ok(null),
      'guardduty.detectors': ok([]),
      'ec2.ebsEncryptionByDefault': ok(false),
      'kms.keys': ok([]),
    },
  },
};

const memberAccount: AccountInventory = {
  accountId: MEMBER,
  name: 'member',
  regions: ['us-east-1'],
  skippedRegions: [{ region: 'eu-west-1', reason: 'not opted in' }],
  global: {
    'iam.passwordPolicy': failed('AccessDenied', `User is not authorized to perform: iam:GetAccountPasswordPolicy`),
    'iam.credentialReport': failed('AccessDenied', 'User is not authorized to perform: iam:GenerateCredentialReport'),
    's3.buckets': ok([]),
  },
  regional: {
    'us-east-1': {
      'ec2.vpcs': failed('UnauthorizedOperation', 'You are not authorized to perform this operation.'),
      'ec2.ebsEncryptionByDefault': ok(false),
    },
  },
};

export const INVENTORY: Inventory = {
  format: 'rampart-inventory',
  version: 1,
  collectedAt: '2026-11-20T08:00:00.000Z',
  partition: 'aws',
  accounts: [managementAccount, memberAccount, { accountId: SUSPENDED, regions: [], skippedRegions: [], accessError: { code: 'AccessDenied', message: 'account is suspended' }, global: {}, regional: {} }],
};

/** A fresh world (tests may change faults without affecting each other). */
export function testWorld(overrides: Partial<EmulatorWorld> = {}): EmulatorWorld {
  return {
    callerAccountId: MANAGEMENT,
    roleName: ROLE,
    organization: {
      accounts: [
        { Id: MANAGEMENT, Name: 'management', Email: 'root@example.com', Status: 'ACTIVE', State: 'ACTIVE', JoinedMethod: 'INVITED', JoinedTimestamp: '2020-01-01T00:00:00.000Z' },
        { Id: MEMBER, Name: 'member', Email: 'member@example.com', Status: 'ACTIVE', State: 'ACTIVE', JoinedMethod: 'CREATED', JoinedTimestamp: '2021-06-01T00:00:00.000Z' },
        { Id: SUSPENDED, Name: 'old', Email: 'old@example.com', Status: 'SUSPENDED', State: 'SUSPENDED' },
      ],
    },
    regions: [
      { RegionName: 'us-east-1', OptInStatus: 'opt-in-not-required' },
      { RegionName: 'eu-west-1', OptInStatus: 'opt-in-not-required' },
    ],
    accountRegions: { [MEMBER]: { 'eu-west-1': 'not-opted-in' } },
    inventory: INVENTORY,
    faults: [],
    ...overrides,
  };
}
