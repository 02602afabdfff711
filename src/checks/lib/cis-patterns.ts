// The CloudWatch Logs filter patterns the CIS AWS Foundations Benchmark prescribes for its
// monitoring recommendations (v1.2.0 3.x, v1.4.0 / v3.0.0 / v5.0.0 4.x), as printed in each version.
// Every published variant is accepted, so an account set up from any version of the benchmark passes.

export interface PatternVariant {
  /** Where the text comes from, e.g. `CIS v1.4.0/v3.0.0 4.1`. */
  source: string;
  pattern: string;
}

export interface MonitoringTopic {
  /** Completes "monitoring of …" in reasons, e.g. `unauthorized API calls`. */
  subject: string;
  /** Metric name suggested in the remediation. */
  metricName: string;
  variants: readonly PatternVariant[];
  /** The variant the remediation recommends. */
  recommended: PatternVariant;
}

function topic(subject: string, metricName: string, variants: PatternVariant[], recommended = 0): MonitoringTopic {
  return { subject, metricName, variants, recommended: variants[recommended]! };
}

export const CIS_PATTERNS = {
  unauthorizedApiCalls: topic('unauthorized API calls', 'UnauthorizedAPICalls', [
    {
      source: 'CIS v1.2.0 3.1 (also Security Hub CloudWatch.2)',
      pattern: '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    },
    {
      source: 'CIS v1.4.0/v3.0.0 4.1',
      pattern:
        '{ ($.errorCode = *UnauthorizedOperation) || ($.errorCode = AccessDenied*) || ($.sourceIPAddress!=delivery.logs.amazonaws.com) || ($.eventName!=HeadBucket) }',
    },
    {
      source: 'CIS v5.0.0 4.1',
      pattern:
        '{ ($.errorCode =*UnauthorizedOperation) || ($.errorCode =AccessDenied*) && ($.sourceIPAddress!=delivery.logs.amazonaws.com) && ($.eventName!=HeadBucket) }',
    },
  // The v1.4/v3 text ORs its two exclusions and so matches nearly every event; recommend the v5 form.
  ], 2),
  consoleLoginWithoutMfa: topic('Management Console sign-in without MFA', 'ConsoleSigninWithoutMFA', [
    {
      source: 'CIS v1.2.0 3.2, v1.4.0/v3.0.0 4.2',
      pattern: '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    },
    {
      source: 'CIS v1.4.0/v3.0.0/v5.0.0 4.2 alternative for SSO environments (also Security Hub CloudWatch.3)',
      pattern:
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    },
    {
      source: 'CIS v5.0.0 4.2',
      pattern: '{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) }',
    },
  ]),
  rootUsage: topic('usage of the root user', 'RootAccountUsage', [
    {
      source: 'CIS v1.2.0 3.3, v1.4.0/v3.0.0/v5.0.0 4.3',
      pattern: '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    },
  ]),
  iamPolicyChanges: topic('IAM policy changes', 'IAMPolicyChanges', [
    {
      source: 'CIS v1.2.0 3.4, v1.4.0/v3.0.0/v5.0.0 4.4',
      pattern:
        '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}',
    },
  ]),
  cloudtrailChanges: topic('CloudTrail configuration changes', 'CloudTrailChanges', [
    {
      source: 'CIS v1.2.0 3.5, v1.4.0/v3.0.0/v5.0.0 4.5',
      pattern:
        '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) || ($.eventName = StartLogging) || ($.eventName = StopLogging) }',
    },
  ]),
  consoleAuthFailures: topic('Management Console authentication failures', 'ConsoleSigninFailures', [
    {
      source: 'CIS v1.2.0 3.6, v1.4.0/v3.0.0/v5.0.0 4.6',
      pattern: '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    },
  ]),
  cmkDisableOrDeletion: topic('disabling or scheduled deletion of customer managed KMS keys', 'DisableOrDeleteCMK', [
    {
      source: 'CIS v1.2.0 3.7, v1.4.0/v3.0.0/v5.0.0 4.7',
      pattern: '{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }',
    },
  ]),
  s3BucketPolicyChanges: topic('S3 bucket policy changes', 'S3BucketPolicyChanges', [
    {
      source: 'CIS v1.2.0 3.8, v1.4.0/v3.0.0/v5.0.0 4.8',
      pattern:
        '{ ($.eventSource = s3.amazonaws.com) && (($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketCors) || ($.eventName = PutBucketLifecycle) || ($.eventName = PutBucketReplication) || ($.eventName = DeleteBucketPolicy) || ($.eventName = DeleteBucketCors) || ($.eventName = DeleteBucketLifecycle) || ($.eventName = DeleteBucketReplication)) }',
    },
  ]),
  configChanges: topic('AWS Config configuration changes', 'AWSConfigChanges', [
    {
      source: 'CIS v1.2.0 3.9, v1.4.0/v3.0.0/v5.0.0 4.9',
      pattern:
        '{ ($.eventSource = config.amazonaws.com) && (($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }',
    },
  ]),
  securityGroupChanges: topic('security group changes', 'SecurityGroupChanges', [
    {
      source: 'CIS v1.2.0 3.10, v1.4.0/v3.0.0 4.10',
      pattern:
        '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }',
    },
    {
      source: 'CIS v5.0.0 4.10',
      pattern:
        '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = AuthorizeSecurityGroupEgress) || ($.eventName = RevokeSecurityGroupIngress) || ($.eventName = RevokeSecurityGroupEgress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) || ($.eventName = ModifySecurityGroupRules) }',
    },
  // The v5 list adds ModifySecurityGroupRules, which the older lists miss.
  ], 1),
  naclChanges: topic('network ACL changes', 'NACLChanges', [
    {
      source: 'CIS v1.2.0 3.11, v1.4.0/v3.0.0/v5.0.0 4.11',
      pattern:
        '{ ($.eventName = CreateNetworkAcl) || ($.eventName = CreateNetworkAclEntry) || ($.eventName = DeleteNetworkAcl) || ($.eventName = DeleteNetworkAclEntry) || ($.eventName = ReplaceNetworkAclEntry) || ($.eventName = ReplaceNetworkAclAssociation) }',
    },
  ]),
  networkGatewayChanges: topic('network gateway changes', 'NetworkGatewayChanges', [
    {
      source: 'CIS v1.2.0 3.12, v1.4.0/v3.0.0/v5.0.0 4.12',
      pattern:
        '{ ($.eventName = CreateCustomerGateway) || ($.eventName = DeleteCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = CreateInternetGateway) || ($.eventName = DeleteInternetGateway) || ($.eventName = DetachInternetGateway) }',
    },
  ]),
  routeTableChanges: topic('route table changes', 'RouteTableChanges', [
    {
      source: 'CIS v1.2.0 3.13, v1.4.0 4.13',
      pattern:
        '{ ($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }',
    },
    {
      // As printed, spacing included; `&&` binds only to the first event name.
      source: 'CIS v3.0.0/v5.0.0 4.13',
      pattern:
        '{($.eventSource = ec2.amazonaws.com) && ($.eventName =CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName= DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable) }',
    },
    {
      // What the v3 text means to say (and what Prowler requires): the event source scopes every name.
      source: 'CIS v3.0.0/v5.0.0 4.13 as intended (event source applied to every event name)',
      pattern:
        '{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = CreateRouteTable) || ($.eventName = ReplaceRoute) || ($.eventName = ReplaceRouteTableAssociation) || ($.eventName = DeleteRouteTable) || ($.eventName = DeleteRoute) || ($.eventName = DisassociateRouteTable)) }',
    },
  // The printed v3 text is a precedence accident; the v1.4 text monitors every route table change.
  ]),
  vpcChanges: topic('VPC changes', 'VPCChanges', [
    {
      source: 'CIS v1.2.0 3.14, v1.4.0/v3.0.0/v5.0.0 4.14',
      pattern:
        '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }',
    },
  ]),
  organizationsChanges: topic('AWS Organizations changes', 'OrganizationsChanges', [
    {
      source: 'CIS v1.4.0/v3.0.0 4.15',
      pattern:
        '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
    },
    {
      source: 'CIS v5.0.0 4.15',
      pattern:
        '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) || ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) || ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) || ($.eventName = DeleteOrganization) || ($.eventName = DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName = DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName = EnablePolicyType) || ($.eventName = InviteAccountToOrganization) || ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) || ($.eventName = RemoveAccountFromOrganization) || ($.eventName = UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }',
    },
  ]),
} as const satisfies Record<string, MonitoringTopic>;

