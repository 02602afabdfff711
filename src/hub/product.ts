/**
 * A Security Hub product ARN: `arn:<partition>:securityhub:<region>:<account?>:product/<company>/<product>`
 * (`productv2/` in the OCSF findings of the new Security Hub).
 */
export interface Product {
  partition: string;
  region: string;
  /** Set only for a customer's own products (`product/<account>/default`). */
  account: string;
  company: string;
  name: string;
}

export const PRODUCT_ARN = /^arn:([a-z-]+):securityhub:([a-z0-9-]*):(\d{12})?:(?:product|productv2)\/([^/]+)\/([^/]+)$/;

export function parseProductArn(arn: string): Product | undefined {
  const m = PRODUCT_ARN.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, region: m[2]!, account: m[3] ?? '', company: m[4]!, name: m[5]! };
}

/** `guardduty` for AWS's own products, `prowler/prowler` for everyone else's. */
export function sourceOf(p: Pick<Product, 'company' | 'name'>): string {
  return p.company === 'aws' ? p.name : `${p.company}/${p.name}`;
}

/**
 * The product without its region: a producer's finding id is unique per product, and the same
 * finding can be read through a regional ARN, an aggregation region or a `productv2` ARN.
 */
export function producerOf(p: Omit<Product, 'region'>): string {
  return `${p.partition}:${p.account}:${p.company}/${p.name}`;
}

const AWS_PRODUCT_NAMES: Record<string, string> = {
  'access-analyzer': 'IAM Access Analyzer',
  config: 'Config',
  'firewall-manager': 'Firewall Manager',
  guardduty: 'GuardDuty',
  health: 'Health',
  inspector: 'Inspector',
  macie: 'Macie',
  securityhub: 'Security Hub',
};

/** The product's display name when the finding does not carry one. */
export function productName(p: Pick<Product, 'company' | 'name'>): string {
  return (p.company === 'aws' ? AWS_PRODUCT_NAMES[p.name] : undefined) ?? p.name;
}
