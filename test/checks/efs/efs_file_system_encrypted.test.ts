import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/efs/efs_file_system_encrypted.ts';
import type { RegionalDatasets } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

type FileSystem = RegionalDatasets['efs.fileSystems'][number];

function fs(over: Partial<FileSystem>): FileSystem {
  return {
    FileSystemId: 'fs-1',
    FileSystemArn: 'arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-1',
    Name: 'shared',
    OwnerId: '111111111111',
    CreationToken: 't',
    CreationTime: '2026-01-01T00:00:00Z',
    LifeCycleState: 'available',
    NumberOfMountTargets: 1,
    SizeInBytes: { Value: 0 },
    PerformanceMode: 'generalPurpose',
    Tags: [],
    ...over,
  };
}

function run(list: FileSystem[]) {
  return runCheck(check, { regional: { 'us-east-1': { 'efs.fileSystems': ok(list) } } });
}

describe('efs_file_system_encrypted', () => {
  it('passes an encrypted file system', () => {
    const [r] = run([fs({ Encrypted: true, KmsKeyId: 'arn:aws:kms:us-east-1:111111111111:key/k' })]);
    assert.equal(r?.status, 'PASS');
    assert.equal(r?.resourceId, 'arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-1');
    assert.equal(r?.resourceType, 'AwsEfsFileSystem');
  });

  it('fails an unencrypted file system and names it', () => {
    const [r] = run([fs({ Encrypted: false })]);
    assert.equal(r?.status, 'FAIL');
    assert.equal(r?.reason, 'file system `fs-1` (`shared`) is not encrypted at rest');
  });

  it('is ERROR IncompleteData when Encrypted is absent', () => {
    const [r] = run([fs({})]);
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'IncompleteData');
    assert.equal(r?.reason, 'file system `fs-1` (`shared`): DescribeFileSystems gave no Encrypted value');
  });

  it('builds the ARN when AWS gives none', () => {
    const [r] = run([fs({ FileSystemArn: undefined, Encrypted: true })]);
    assert.equal(r?.resourceId, 'arn:aws:elasticfilesystem:us-east-1:111111111111:file-system/fs-1');
  });

  it('is NOT_APPLICABLE without file systems', () => {
    assert.equal(run([])[0]?.status, 'NOT_APPLICABLE');
  });

  it('returns ERROR when file systems could not be collected', () => {
    const [r] = runCheck(check, { regional: { 'us-east-1': { 'efs.fileSystems': failed('AccessDeniedException') } } });
    assert.equal(r?.status, 'ERROR');
    assert.equal(r?.errorCode, 'AccessDeniedException');
  });
});
