export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon (may itself contain colons). */
  resource: string;
}

/** Splits `arn:partition:service:region:account:resource`; undefined when the text is not an ARN. */
export function parseArn(text: string): Arn | undefined {
  const parts = text.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** An AWS-managed IAM policy, e.g. `arn:aws:iam::aws:policy/AWSSupportAccess`. */
export function awsManagedPolicyArn(partition: string, name: string): string {
  return `arn:${partition}:iam::aws:policy/${name}`;
}

/** The log group name of `arn:<p>:logs:<region>:<account>:log-group:<name>[:*]`. */
export function logGroupName(arn: Arn): string | undefined {
  const [kind, name] = arn.resource.split(':');
  return kind === 'log-group' && name ? name : undefined;
}
