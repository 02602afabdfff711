// Findings in the shapes AWS and Prowler publish (Security Hub user guide, GuardDuty API reference,
// Security Hub V2 OCSF examples, prowler/lib/outputs/asff), with documentation account ids.

export const ACCOUNT = '111122223333';
export const DETECTOR = '12abc34d567e8fa901bc2d34e56789f0';

type Json = Record<string, unknown>;

/** A consolidated Security Hub control finding about the root user, as raised in `region`. */
export function iamRootMfaControl(region: string, overrides: Json = {}): Json {
  const uuid = { 'us-east-1': '1a2b3c4d', 'eu-west-1': '5e6f7a8b', 'ap-southeast-2': '9c0d1e2f' }[region] ?? '00000000';
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:${region}:${ACCOUNT}:security-control/IAM.6/finding/${uuid}-aaaa-4bbb-8ccc-123456789012`,
    ProductArn: `arn:aws:securityhub:${region}::product/aws/securityhub`,
    ProductName: 'Security Hub',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: 'security-control/IAM.6',
    AwsAccountId: ACCOUNT,
    AwsAccountName: 'payments-prod',
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards'],
    FirstObservedAt: '2024-03-01T08:00:00.000Z',
    LastObservedAt: `2024-05-0${region === 'us-east-1' ? 2 : 3}T08:00:00.000Z`,
    CreatedAt: '2024-03-01T08:00:00.000Z',
    UpdatedAt: '2024-05-02T08:00:00.000Z',
    Severity: { Label: 'CRITICAL', Normalized: 90, Original: 'CRITICAL' },
    Title: 'Hardware MFA should be enabled for the root user',
    Description: 'This control checks whether your AWS account is enabled to use a hardware multi-factor authentication (MFA) device to sign in with root user credentials.',
    Remediation: {
      Recommendation: {
        Text: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
        Url: 'https://docs.aws.amazon.com/console/securityhub/IAM.6/remediation',
      },
    },
    ProductFields: {
      RelatedAWSResources: '[{"name":"securityhub-root-account-hardware-mfa-enabled-0f1e2d3c","type":"AWS::Config::ConfigRule"}]',
      'aws/securityhub/ProductName': 'Security Hub',
      'aws/securityhub/CompanyName': 'AWS',
    },
    Resources: [{ Type: 'AwsAccount', Id: `AWS::::Account:${ACCOUNT}`, Partition: 'aws', Region: region }],
    Compliance: {
      Status: 'FAILED',
      SecurityControlId: 'IAM.6',
      RelatedRequirements: ['CIS AWS Foundations Benchmark v3.0.0/1.6', 'CIS AWS Foundations Benchmark v1.4.0/1.6'],
      AssociatedStandards: [
        { StandardsId: 'standards/cis-aws-foundations-benchmark/v/3.0.0' },
        { StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' },
      ],
    },
    WorkflowState: 'NEW',
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    ...overrides,
  };
}

/** EC2.7 (EBS default encryption) is about the account too, but the setting is per region. */
export function ebsDefaultEncryptionControl(region: string): Json {
  return {
    ...iamRootMfaControl(region),
    Id: `arn:aws:securityhub:${region}:${ACCOUNT}:security-control/EC2.7/finding/0badf00d-aaaa-4bbb-8ccc-123456789012`,
    GeneratorId: 'security-control/EC2.7',
    Title: 'EBS default encryption should be enabled',
    Description: 'This control checks whether account-level encryption is enabled by default for Amazon Elastic Block Store (Amazon EBS) volumes.',
    Severity: { Label: 'MEDIUM', Normalized: 40, Original: 'MEDIUM' },
    Compliance: {
      Status: 'FAILED',
      SecurityControlId: 'EC2.7',
      RelatedRequirements: ['CIS AWS Foundations Benchmark v3.0.0/2.2.1'],
      AssociatedStandards: [{ StandardsId: 'standards/cis-aws-foundations-benchmark/v/3.0.0' }],
    },
  };
}

/** A standard-specific CIS 1.2.0 finding from before consolidated control findings. */
export function cis12Finding(region: string, rule: string, compliance: Json): Json {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:securityhub:${region}:${ACCOUNT}:subscription/cis-aws-foundations-benchmark/v/1.2.0/${rule}/finding/7f0e1d2c-aaaa-4bbb-8ccc-123456789012`,
    ProductArn: `arn:aws:securityhub:${region}::product/aws/securityhub`,
    GeneratorId: `arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0/rule/${rule}`,
    AwsAccountId: ACCOUNT,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'],
    CreatedAt: '2019-04-10T11:58:12.766Z',
    UpdatedAt: '2024-05-02T07:00:00.000Z',
    Severity: { Product: 0, Label: 'INFORMATIONAL', Normalized: 0, Original: 'INFORMATIONAL' },
    Title: `${rule} Ensure IAM password policy requires at least one uppercase letter`,
    Description: 'Password policies are, in part, used to enforce password complexity requirements.',
    ProductFields: {
      StandardsGuideArn: 'arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0',
      RuleId: rule,
    },
    Resources: [{ Type: 'AwsAccount', Id: `AWS::::Account:${ACCOUNT}`, Partition: 'aws', Region: region }],
    Compliance: { AssociatedStandards: [{ StandardsId: 'ruleset/cis-aws-foundations-benchmark/v/1.2.0' }], ...compliance },
    WorkflowState: 'NEW',
    RecordState: 'ACTIVE',
  };
}

export function inspectorFinding(): Json {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:inspector2:us-east-1:${ACCOUNT}:finding/0d1a8e6d4c7b5f3e2a1b0c9d8e7f6a5b`,
    ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/inspector',
    ProductName: 'Inspector',
    CompanyName: 'Amazon',
    Region: 'us-east-1',
    GeneratorId: 'AWSInspector',
    AwsAccountId: ACCOUNT,
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    FirstObservedAt: '2024-04-20T00:45:31.042Z',
    LastObservedAt: '2024-05-01T08:03:59.403Z',
    CreatedAt: '2024-04-20T00:45:31.042Z',
    UpdatedAt: '2024-05-01T08:03:59.403Z',
    Severity: { Label: 'HIGH', Normalized: 70 },
    Title: 'CVE-2023-44487 - golang.org/x/net',
    Description: 'The HTTP/2 protocol allows a denial of service (server resource consumption) because request cancellation can reset many streams quickly.',
    Remediation: { Recommendation: { Text: 'Upgrade golang.org/x/net to 0.17.0 or later.' } },
    Resources: [
      {
        Type: 'AwsEc2Instance',
        Id: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abcdef1234567890`,
        Partition: 'aws',
        Region: 'us-east-1',
        Details: { AwsEc2Instance: { Type: 't3.medium', ImageId: 'ami-0123456789abcdef0' } },
      },
    ],
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
  };
}

export function prowlerFinding(): Json {
  return {
    SchemaVersion: '2018-10-08',
    Id: `prowler-iam_root_hardware_mfa_enabled-${ACCOUNT}-us-east-1-8b9c0d1e2f`,
    ProductArn: 'arn:aws:securityhub:us-east-1::product/prowler/prowler',
    RecordState: 'ACTIVE',
    ProductFields: { ProviderName: 'Prowler', ProviderVersion: '4.2.0', ProwlerResourceName: `<root_account>` },
    GeneratorId: 'prowler-iam_root_hardware_mfa_enabled',
    AwsAccountId: ACCOUNT,
    Types: ['Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'],
    FirstObservedAt: '2024-05-02T10:11:12Z',
    UpdatedAt: '2024-05-02T10:11:12Z',
    CreatedAt: '2024-05-02T10:11:12Z',
    Severity: { Label: 'CRITICAL' },
    Title: 'Ensure only hardware MFA is enabled for the root account.',
    Description: 'Root account has a virtual MFA instead of a hardware MFA device enabled.',
    Resources: [{ Type: 'AwsAccount', Id: `arn:aws:iam::${ACCOUNT}:root`, Partition: 'aws', Region: 'us-east-1' }],
    Compliance: {
      Status: 'FAILED',
      RelatedRequirements: ['CIS-1.4 1.6', 'CIS-3.0 1.6', 'AWS-Foundational-Security-Best-Practices IAM.6'],
      AssociatedStandards: [{ StandardsId: 'CIS-1.4' }, { StandardsId: 'CIS-3.0' }, { StandardsId: 'AWS-Foundational-Security-Best-Practices' }],
    },
    Remediation: {
      Recommendation: {
        Text: 'Using IAM console navigate to Dashboard and expand Activate MFA on your root account.',
        Url: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user_manage_mfa',
      },
    },
  };
}

/** A GuardDuty finding as the GuardDuty API (and the `GuardDuty Finding` event) returns it. */
export function guardDutyPortProbe(overrides: Json = {}): Json {
  return {
    schemaVersion: '2.0',
    accountId: ACCOUNT,
    region: 'us-east-1',
    partition: 'aws',
    id: '32c3da20b4a8e7cc262e2b21a35f5c04',
    arn: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}/finding/32c3da20b4a8e7cc262e2b21a35f5c04`,
    type: 'Recon:EC2/PortProbeUnprotectedPort',
    resource: {
      resourceType: 'Instance',
      instanceDetails: {
        instanceId: 'i-0abcdef1234567890',
        instanceType: 't3.medium',
        availabilityZone: 'us-east-1a',
        networkInterfaces: [{ privateIpAddress: '172.31.43.6', subnetId: 'subnet-0abc', vpcId: 'vpc-0abc' }],
      },
    },
    service: {
      serviceName: 'guardduty',
      detectorId: DETECTOR,
      action: {
        actionType: 'PORT_PROBE',
        portProbeAction: {
          blocked: false,
          portProbeDetails: [{ localPortDetails: { port: 22, portName: 'SSH' }, remoteIpDetails: { ipAddressV4: '198.51.100.24' } }],
        },
      },
      resourceRole: 'TARGET',
      eventFirstSeen: '2024-04-11T21:40:05.000Z',
      eventLastSeen: '2024-05-02T22:35:03.000Z',
      archived: false,
      count: 18,
    },
    severity: 5,
    createdAt: '2024-04-11T22:34:57.126Z',
    updatedAt: '2024-05-02T22:35:03.677Z',
    title: 'Unprotected port on EC2 instance i-0abcdef1234567890 is being probed.',
    description: 'EC2 instance has an unprotected port which is being probed by a known malicious host.',
    ...overrides,
  };
}

/** The same GuardDuty finding as Security Hub stores it (GetFindings, `Security Hub Findings - Imported`). */
export function guardDutyPortProbeAsff(overrides: Json = {}): Json {
  return {
    SchemaVersion: '2018-10-08',
    Id: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}/finding/32c3da20b4a8e7cc262e2b21a35f5c04`,
    ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    Region: 'us-east-1',
    GeneratorId: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}`,
    AwsAccountId: ACCOUNT,
    Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
    FirstObservedAt: '2024-04-11T21:40:05.000Z',
    LastObservedAt: '2024-05-02T22:35:03.000Z',
    CreatedAt: '2024-04-11T22:34:57.126Z',
    UpdatedAt: '2024-05-02T22:35:03.677Z',
    Severity: { Product: 5, Label: 'MEDIUM', Normalized: 40 },
    Title: 'Unprotected port on EC2 instance i-0abcdef1234567890 is being probed.',
    Description: 'EC2 instance has an unprotected port which is being probed by a known malicious host.',
    SourceUrl: 'https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current&fId=32c3da20b4a8e7cc262e2b21a35f5c04',
    ProductFields: {
      'aws/guardduty/service/archived': 'false',
      'aws/guardduty/service/count': '18',
      'aws/guardduty/service/detectorId': DETECTOR,
      'aws/guardduty/service/eventFirstSeen': '2024-04-11T21:40:05.000Z',
      'aws/guardduty/service/eventLastSeen': '2024-05-02T22:35:03.000Z',
      'aws/guardduty/service/resourceRole': 'TARGET',
      'aws/guardduty/service/action/actionType': 'PORT_PROBE',
      'aws/securityhub/FindingId': `arn:aws:securityhub:us-east-1::product/aws/guardduty/arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}/finding/32c3da20b4a8e7cc262e2b21a35f5c04`,
      'aws/securityhub/ProductName': 'GuardDuty',
      'aws/securityhub/CompanyName': 'Amazon',
    },
    Resources: [
      {
        Type: 'AwsEc2Instance',
        Id: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abcdef1234567890`,
        Partition: 'aws',
        Region: 'us-east-1',
        Details: { AwsEc2Instance: { Type: 't3.medium', VpcId: 'vpc-0abc', SubnetId: 'subnet-0abc' } },
      },
    ],
    WorkflowState: 'NEW',
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    ...overrides,
  };
}

/** A GuardDuty IAM finding (access key), API shape. */
export function guardDutyCredentialExfiltration(): Json {
  return {
    ...guardDutyPortProbe(),
    id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
    arn: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}/finding/a1b2c3d4e5f60718293a4b5c6d7e8f90`,
    type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    severity: 8,
    title: 'Credentials for instance role app-server-role used from external IP address.',
    description: 'Credentials created exclusively for an EC2 instance using instance role app-server-role have been used from external IP address 198.51.100.24.',
    resource: {
      resourceType: 'AccessKey',
      accessKeyDetails: { accessKeyId: 'ASIAIOSFODNN7EXAMPLE', principalId: 'AROAEXAMPLE:i-0abcdef1234567890', userName: 'app-server-role', userType: 'AssumedRole' },
    },
  };
}

/** The same IAM finding as Security Hub stores it. */
export function guardDutyCredentialExfiltrationAsff(): Json {
  return {
    ...guardDutyPortProbeAsff(),
    Id: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}/finding/a1b2c3d4e5f60718293a4b5c6d7e8f90`,
    Types: ['TTPs/Initial Access/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS'],
    Severity: { Product: 8, Label: 'HIGH', Normalized: 60 },
    Title: 'Credentials for instance role app-server-role used from external IP address.',
    Description: 'Credentials created exclusively for an EC2 instance using instance role app-server-role have been used from external IP address 198.51.100.24.',
    Resources: [
      {
        Type: 'AwsIamAccessKey',
        Id: 'AWS::IAM::AccessKey:ASIAIOSFODNN7EXAMPLE',
        Partition: 'aws',
        Region: 'us-east-1',
        Details: { AwsIamAccessKey: { PrincipalId: 'AROAEXAMPLE:i-0abcdef1234567890', PrincipalName: 'app-server-role', PrincipalType: 'AssumedRole' } },
      },
    ],
  };
}

/** A Security Hub V2 OCSF Compliance Finding (class 2003) for IAM.6, as raised in `region`. */
export function ocsfIamRootMfa(region: string, overrides: Json = {}): Json {
  return {
    activity_id: 2,
    activity_name: 'Update',
    category_name: 'Findings',
    category_uid: 2,
    class_name: 'Compliance Finding',
    class_uid: 2003,
    type_name: 'Compliance Finding: Update',
    type_uid: 200302,
    severity_id: 5,
    severity: 'Critical',
    status_id: 1,
    status: 'New',
    time: 1714636800000,
    time_dt: '2024-05-02T08:00:00.000Z',
    metadata: {
      product: { name: 'Security Hub', vendor_name: 'AWS', uid: `arn:aws:securityhub:${region}::productv2/aws/securityhub` },
      profiles: ['cloud', 'datetime'],
      uid: '4f1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
      version: '1.6.0',
    },
    cloud: { account: { name: 'payments-prod', uid: ACCOUNT }, provider: 'AWS', region },
    finding_info: {
      analytic: { category: 'AWS::Config::ConfigRule', name: 'securityhub-root-account-hardware-mfa-enabled-0f1e2d3c', type: 'Rule', type_id: 1 },
      title: 'Hardware MFA should be enabled for the root user',
      desc: 'This control checks whether your AWS account is enabled to use a hardware multi-factor authentication (MFA) device to sign in with root user credentials.',
      types: ['Posture Management'],
      created_time_dt: '2024-03-01T08:00:00.000Z',
      first_seen_time_dt: '2024-03-01T08:00:00.000Z',
      last_seen_time_dt: '2024-05-02T08:00:00.000Z',
      modified_time_dt: '2024-05-02T08:00:00.000Z',
      uid: `arn:aws:securityhub:${region}:${ACCOUNT}:security-control/IAM.6/finding/6a7b8c9d-aaaa-4bbb-8ccc-123456789012`,
    },
    resources: [
      { type: 'AWS::::Account', uid: ACCOUNT, cloud_partition: 'aws', provider: 'AWS', region, owner: { account: { uid: ACCOUNT } } },
    ],
    compliance: {
      control: 'IAM.6',
      standards: ['standards/cis-aws-foundations-benchmark/v/3.0.0'],
      requirements: ['CIS AWS Foundations Benchmark v3.0.0/1.6'],
      status: 'Fail',
      status_id: 3,
    },
    remediation: {
      desc: 'For information on how to correct this issue, consult the AWS Security Hub controls documentation.',
      references: ['https://docs.aws.amazon.com/console/securityhub/IAM.6/remediation'],
    },
    vendor_attributes: { severity: 'Critical', severity_id: 5 },
    ...overrides,
  };
}

/** The GuardDuty port probe as a Security Hub V2 OCSF Detection Finding (class 2004). */
export function ocsfGuardDutyPortProbe(overrides: Json = {}): Json {
  return {
    activity_id: 2,
    activity_name: 'Update',
    category_uid: 2,
    class_name: 'Detection Finding',
    class_uid: 2004,
    type_uid: 200402,
    severity_id: 3,
    severity: 'Medium',
    status_id: 1,
    status: 'New',
    time: 1714689303677,
    time_dt: '2024-05-02T22:35:03.677Z',
    metadata: {
      product: { name: 'GuardDuty', vendor_name: 'AWS', uid: 'arn:aws:securityhub:us-east-1::productv2/aws/guardduty' },
      profiles: ['cloud', 'datetime'],
      uid: '9c61582bf7ff7b62af762d7521dd1a5de9832ff951a6c1130976a3c18d289250',
      version: '1.6.0',
    },
    cloud: { account: { uid: ACCOUNT }, provider: 'AWS', region: 'us-east-1' },
    finding_info: {
      analytic: { type: 'Learning (ML/DL)', type_id: 4, uid: DETECTOR },
      title: 'Unprotected port on EC2 instance i-0abcdef1234567890 is being probed.',
      desc: 'EC2 instance has an unprotected port which is being probed by a known malicious host.',
      types: ['Threats', 'Recon:EC2/PortProbeUnprotectedPort'],
      created_time_dt: '2024-04-11T22:34:57.126Z',
      first_seen_time_dt: '2024-04-11T21:40:05.000Z',
      last_seen_time_dt: '2024-05-02T22:35:03.000Z',
      modified_time_dt: '2024-05-02T22:35:03.677Z',
      uid: `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/${DETECTOR}/finding/32c3da20b4a8e7cc262e2b21a35f5c04`,
    },
    resources: [
      {
        type: 'AWS::EC2::Instance',
        uid: 'i-0abcdef1234567890',
        uid_alt: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0abcdef1234567890`,
        cloud_partition: 'aws',
        region: 'us-east-1',
        owner: { account: { uid: ACCOUNT } },
      },
    ],
    vendor_attributes: { severity: 'Medium', severity_id: 3 },
    ...overrides,
  };
}

/** An EventBridge envelope as AWS delivers it. */
export function event(source: string, detailType: string, detail: unknown, overrides: Json = {}): Json {
  return {
    version: '0',
    id: '1a1111a1-b22b-3c33-444d-5555e5ee5555',
    'detail-type': detailType,
    source,
    account: ACCOUNT,
    time: '2024-05-02T22:36:17Z',
    region: 'us-east-1',
    resources: [],
    detail,
    ...overrides,
  };
}
