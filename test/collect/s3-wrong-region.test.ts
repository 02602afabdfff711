import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetBucketLocationCommand, S3Client } from '@aws-sdk/client-s3';
import { regionFromWrongRegionError } from '../../src/collect/bucket-region.ts';

/** The SDK error for `status`/`body` answered over real HTTP with a bucket-region header. */
async function sdkErrorFor(status: number, body: string): Promise<unknown> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-bucket-region': 'ap-east-1' });
    res.end(`<?xml version="1.0" encoding="UTF-8"?><Error>${body}<RequestId>R</RequestId></Error>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      maxAttempts: 1,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' },
    });
    return await s3.send(new GetBucketLocationCommand({ Bucket: 'hk' })).then(
      () => assert.fail('the server answers with an error'),
      (err: unknown) => err,
    );
  } finally {
    server.close();
  }
}

// These pin the shape the SDK gives S3 errors (header on `$response.headers`), which the mocked
// collector tests take for granted.
test('the SDK error of a 301 PermanentRedirect names the bucket region', async () => {
  const err = await sdkErrorFor(301, '<Code>PermanentRedirect</Code><Message>use the specified endpoint</Message><Endpoint>s3.ap-east-1.amazonaws.com</Endpoint>');
  assert.equal(regionFromWrongRegionError(err), 'ap-east-1');
});

test('the SDK error of an IllegalLocationConstraintException names the bucket region', async () => {
  const err = await sdkErrorFor(400, '<Code>IllegalLocationConstraintException</Code><Message>The ap-east-1 location constraint is incompatible</Message>');
  assert.equal(regionFromWrongRegionError(err), 'ap-east-1');
});

test('the SDK error of an AccessDenied is not read for a region, header or not', async () => {
  const err = await sdkErrorFor(403, '<Code>AccessDenied</Code><Message>Access Denied</Message>');
  assert.equal(regionFromWrongRegionError(err), undefined);
});
