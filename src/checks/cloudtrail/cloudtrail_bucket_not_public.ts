import type { CollectError, GlobalDatasets, S3Bucket } from '../../collect/inventory.ts';
import { DataUnavailable, type AccountCheck, type CheckContext, type CheckResult } from '../types.ts';
import { perTrailBucketResults, type TrailBucket } from '../lib/trails.ts';
import { isEveryonePrincipal, parsePolicyDocument, PolicyParseError } from '../lib/policy-document.ts';

const PUBLIC_GROUPS: Record<string, string> = {
  'http://acs.amazonaws.com/groups/global/AllUsers': 'AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers': 'AuthenticatedUsers',
};

/** Labels of Allow statements granting everyone access without conditions. */
function publicStatements(policy: string): string[] {
  return parsePolicyDocument(policy)
    .filter((st) => st.effect === 'Allow' && isEveryonePrincipal(st.principal) && Object.keys(st.condition).length === 0)
    .map((st) => (st.label.startsWith('#') ? st.label : `\`${st.label}\``));
}

type Block = GlobalDatasets['s3control.publicAccessBlock'];

/** A Block Public Access setting as read, or the error that kept it unknown. */
interface BlockSetting {
  what: string;
  value?: Block;
  error?: CollectError;
}

function accountBlock(ctx: CheckContext): BlockSetting {
  const what = 'account-level Block Public Access';
  try {
    return { what, value: ctx.global('s3control.publicAccessBlock') };
  } catch (err) {
    if (err instanceof DataUnavailable) return { what, error: err.error };
    throw err;
  }
}

function bucketBlock(bucket: S3Bucket): BlockSetting {
  const what = 'bucket Block Public Access';
  return bucket.publicAccessBlock.ok ? { what, value: bucket.publicAccessBlock.data } : { what, error: bucket.publicAccessBlock.error };
}

type Verdict = Pick<CheckResult, 'status' | 'reason' | 'errorCode'>;

function judge(tb: TrailBucket, bucket: S3Bucket, ctx: CheckContext): Verdict {
  const settings = [accountBlock(ctx), bucketBlock(bucket)];
  // Block Public Access neutralises public ACLs (IgnorePublicAcls) and public policies (RestrictPublicBuckets).
  const aclsIgnored = settings.some((b) => b.value?.IgnorePublicAcls === true);
  const policyRestricted = settings.some((b) => b.value?.RestrictPublicBuckets === true);
  // An unread setting may have the flag that neutralises what the readable ones leave open.
  const unreadable = settings.filter((b) => b.error);

  const exposures: string[] = [];
  const unknown: { what: string; code: string; message: string }[] = [];
  if (!aclsIgnored) {
    if (bucket.acl.ok) {
      for (const g of bucket.acl.data.grants) {
        const group = PUBLIC_GROUPS[g.Grantee?.URI ?? ''];
        if (g.Grantee?.Type === 'Group' && group) exposures.push(`its ACL grants ${g.Permission ?? 'access'} to ${group}`);
      }
    } else unknown.push({ what: 'ACL', ...bucket.acl.error });
  }
  if (!policyRestricted) {
    if (!bucket.policy.ok) unknown.push({ what: 'bucket policy', ...bucket.policy.error });
    else if (bucket.policy.data !== null) {
      let open: string[] | undefined;
      try {
        open = publicStatements(bucket.policy.data);
      } catch (err) {
        if (!(err instanceof PolicyParseError)) throw err;
        unknown.push({ what: 'bucket policy', code: 'MalformedPolicy', message: err.message });
      }
      if (open && open.length > 0) exposures.push(`its bucket policy allows everyone (Principal "*") without conditions in statement ${open.join(', ')}`);
    }
  }
  if (exposures.length > 0 && unreadable.length === 0) return { status: 'FAIL', reason: `${tb.label} is public: ${exposures.join('; ')}` };
  if (exposures.length > 0) {
    return {
      status: 'ERROR',
      reason:
        `${tb.label} is public unless Block Public Access neutralises it (${exposures.join('; ')}), but ` +
        unreadable.map((b) => `the ${b.what} could not be read: ${b.error!.code}: ${b.error!.message}`).join('; '),
      errorCode: unreadable[0]!.error!.code,
    };
  }
  if (unknown.length > 0) {
    const u = unknown[0]!;
    return { status: 'ERROR', reason: `the ${u.what} of ${tb.label} could not be read: ${u.code}: ${u.message}`, errorCode: u.code };
  }
  const neutralised = [aclsIgnored ? 'public ACLs are ignored' : '', policyRestricted ? 'public policies are restricted' : '']
    .filter(Boolean)
    .join(' and ');
  return {
    status: 'PASS',
    reason: `${tb.label} is not public${neutralised ? ` (Block Public Access: ${neutralised})` : ': no public ACL grant and no unconditioned public policy statement'}`,
  };
}

const check: AccountCheck = {
  id: 'cloudtrail_bucket_not_public',
  title: 'The S3 bucket receiving CloudTrail logs is not publicly accessible',
  severity: 'critical',
  scope: 'resource',
  reads: ['cloudtrail.trails', 'cloudtrail.trailDetails', 's3.buckets', 's3control.publicAccessBlock'],
  remediation: [
    'Remove public grants and statements from the trail bucket and block public access on it:',
    'aws s3api put-bucket-acl --bucket <trail-bucket> --acl private',
    'aws s3api put-bucket-policy --bucket <trail-bucket> --policy file://policy.json  (without Allow statements for Principal "*" unless conditioned)',
    'aws s3api put-public-access-block --bucket <trail-bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
  ].join('\n'),
  evaluate: (ctx) => perTrailBucketResults(ctx, (tb, bucket) => judge(tb, bucket, ctx)),
};

export default check;
