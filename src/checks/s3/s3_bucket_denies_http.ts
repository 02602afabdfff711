import type { S3Bucket } from '../../collect/inventory.ts';
import {
  conditionTests,
  conditionValues,
  coversAllActionsOf,
  isEveryonePrincipal,
  parsePolicyDocument,
  PolicyParseError,
  wildcardCoversPrefix,
  wildcardMatches,
  type PolicyStatement,
} from '../lib/policy-document.ts';
import { bucketArn, bucketResult, bucketUnreadable } from '../lib/s3-buckets.ts';
import type { AccountCheck, CheckContext, CheckResult } from '../types.ts';

const SECURE_TRANSPORT = 'aws:SecureTransport';

function testsInsecureTransport(st: PolicyStatement): boolean {
  const values = conditionValues(st.condition, 'Bool', SECURE_TRANSPORT);
  return values !== undefined && values.some((v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false'));
}

/** What keeps a Deny-on-HTTP statement from denying every plain-HTTP request to the bucket. */
function shortfalls(st: PolicyStatement, arn: string): string[] {
  const out: string[] = [];
  if (!isEveryonePrincipal(st.principal)) {
    out.push(st.principal === undefined ? 'has no Principal "*"' : `applies only to principal ${JSON.stringify(st.principal)}`);
  }
  if (!coversAllActionsOf(st.actions, 's3')) {
    out.push(st.actions.length ? `denies only ${st.actions.join(', ')} instead of s3:*` : 'has no Action s3:*');
  }
  const coversBucket = st.resources.some((r) => wildcardMatches(r, arn) || wildcardCoversPrefix(r, `${arn}/`));
  if (!coversBucket) out.push(`covers neither the bucket nor its objects (Resource ${st.resources.join(', ') || 'missing'})`);
  // Any further condition narrows the deny, so some plain-HTTP requests would get through.
  const extra = conditionTests(st.condition).filter((t) => t.toLowerCase() !== `bool ${SECURE_TRANSPORT.toLowerCase()}`);
  if (extra.length) out.push(`also requires ${extra.join(', ')}`);
  return out;
}

function judge(ctx: CheckContext, bucket: S3Bucket, policy: string): CheckResult {
  const name = bucket.name;
  let statements: PolicyStatement[];
  try {
    statements = parsePolicyDocument(policy);
  } catch (err) {
    if (!(err instanceof PolicyParseError)) throw err;
    return { ...bucketResult(ctx, bucket, 'ERROR', `bucket policy of \`${name}\` cannot be parsed: ${err.message}`), errorCode: 'MalformedPolicy' };
  }
  const candidates = statements.filter((st) => st.effect === 'Deny' && testsInsecureTransport(st));
  if (candidates.length === 0) {
    return bucketResult(ctx, bucket, 'FAIL', `bucket policy of \`${name}\` has no Deny statement with Condition Bool ${SECURE_TRANSPORT} "false"`);
  }
  const arn = bucketArn(ctx.partition, name);
  const judged = candidates.map((st) => ({ st, gaps: shortfalls(st, arn) }));
  const good = judged.find((j) => j.gaps.length === 0);
  if (good) {
    return bucketResult(ctx, bucket, 'PASS', `bucket policy of \`${name}\` denies all requests over HTTP (statement \`${good.st.label}\`)`);
  }
  const why = judged.map((j) => `statement \`${j.st.label}\` ${j.gaps.join('; ')}`).join('; ');
  return bucketResult(ctx, bucket, 'FAIL', `bucket policy of \`${name}\` does not deny all HTTP requests: ${why}`);
}

const check: AccountCheck = {
  id: 's3_bucket_denies_http',
  title: 'S3 bucket policies deny requests over plain HTTP',
  severity: 'medium',
  scope: 'resource',
  reads: ['s3.buckets'],
  remediation:
    'Add to the bucket policy (S3 console → bucket → Permissions → Bucket policy, or `aws s3api put-bucket-policy`) a statement ' +
    '{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],' +
    '"Condition":{"Bool":{"aws:SecureTransport":"false"}}}.',
  evaluate(ctx) {
    return ctx.global('s3.buckets').map((bucket) => {
      if (!bucket.policy.ok) return bucketUnreadable(ctx, bucket, 'bucket policy', bucket.policy.error);
      if (bucket.policy.data === null) return bucketResult(ctx, bucket, 'FAIL', `bucket \`${bucket.name}\` has no bucket policy`);
      return judge(ctx, bucket, bucket.policy.data);
    });
  },
};

export default check;
