import { createHash } from 'node:crypto';
import {
  GetBucketAcl$,
  GetBucketLocation$,
  GetBucketLogging$,
  GetBucketPolicy$,
  GetBucketVersioning$,
  GetPublicAccessBlock$,
  ListBuckets$,
} from '@aws-sdk/client-s3';
import type { StaticOperationSchema } from '@smithy/types';
import type { S3Bucket } from '../../../../src/collect/inventory.ts';
import { AwsError } from '../aws-error.ts';
import { unwrap } from '../data.ts';
import { required, str } from '../input.ts';
import type { Input, OpContext, OperationSpec, Output, ServiceSpec } from '../service.ts';
import { escapeXml } from '../serde/xml.ts';

const XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

function bucketNamed(ctx: OpContext, input: Input): S3Bucket {
  const name = required(input, 'Bucket', 'InvalidBucketName');
  const bucket = (ctx.data.global('s3.buckets') ?? []).find((b) => b.name === name);
  if (!bucket) {
    throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', { details: { BucketName: name } });
  }
  return bucket;
}

/** As real S3: a bucket is only served by its own region's endpoint (path-style requests). */
function inItsRegion(ctx: OpContext, bucket: S3Bucket): S3Bucket {
  if (ctx.region === bucket.region) return bucket;
  throw new AwsError(
    'PermanentRedirect',
    'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
    {
      status: 301,
      headers: { 'x-amz-bucket-region': bucket.region },
      details: { Endpoint: `s3.${bucket.region}.amazonaws.com`, Bucket: bucket.name },
    },
  );
}

function bucketOperation(schema: StaticOperationSchema, answer: (bucket: S3Bucket) => Output): OperationSpec {
  return { schema, handle: (ctx, input) => answer(inItsRegion(ctx, bucketNamed(ctx, input))) };
}

function canonicalId(accountId: string): string {
  return createHash('sha256').update(`s3-owner:${accountId}`).digest('hex');
}

export const s3: ServiceSpec = {
  id: 's3',
  signingName: 's3',
  protocol: 'restXml',
  namespace: 'com.amazonaws.s3',
  xmlNamespace: XMLNS,
  global: true,
  operations: {
    ListBuckets: {
      schema: ListBuckets$,
      handle(ctx, input) {
        const prefix = str(input, 'Prefix') ?? '';
        const region = str(input, 'BucketRegion');
        const buckets = (ctx.data.global('s3.buckets') ?? [])
          .filter((b) => b.name.startsWith(prefix) && (!region || b.region === region))
          .map((b) => ({ Name: b.name, CreationDate: b.creationDate, BucketRegion: b.region }));
        const page = ctx.page(buckets, input.ContinuationToken, input.MaxBuckets);
        return {
          Buckets: page.items,
          Owner: { ID: canonicalId(ctx.identity.accountId) },
          ContinuationToken: page.next,
          Prefix: str(input, 'Prefix'),
        };
      },
    },
    GetBucketLocation: {
      schema: GetBucketLocation$,
      handle: (ctx, input) => {
        const region = bucketNamed(ctx, input).region;
        return { LocationConstraint: region === 'us-east-1' ? undefined : region };
      },
      // S3 answers a bare element, empty for us-east-1.
      encode: (output) => {
        const location = output.LocationConstraint === undefined ? '' : escapeXml(String(output.LocationConstraint));
        return { headers: {}, body: `<LocationConstraint xmlns="${XMLNS}">${location}</LocationConstraint>` };
      },
    },
    GetBucketPolicy: bucketOperation(GetBucketPolicy$, (bucket) => {
      const policy = unwrap(bucket.policy);
      if (policy === null || policy === undefined) {
        throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', { details: { BucketName: bucket.name } });
      }
      return { Policy: policy };
    }),
    GetBucketAcl: bucketOperation(GetBucketAcl$, (bucket) => {
      const acl = unwrap(bucket.acl);
      return { Owner: acl?.owner, Grants: acl?.grants ?? [] };
    }),
    GetBucketVersioning: bucketOperation(GetBucketVersioning$, (bucket) => {
      const versioning = unwrap(bucket.versioning);
      return { Status: versioning?.status, MFADelete: versioning?.mfaDelete };
    }),
    GetBucketLogging: bucketOperation(GetBucketLogging$, (bucket) => ({ LoggingEnabled: unwrap(bucket.logging) ?? undefined })),
    GetPublicAccessBlock: bucketOperation(GetPublicAccessBlock$, (bucket) => {
      const config = unwrap(bucket.publicAccessBlock);
      if (!config) {
        throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', {
          details: { BucketName: bucket.name },
        });
      }
      return { PublicAccessBlockConfiguration: config };
    }),
  },
};
