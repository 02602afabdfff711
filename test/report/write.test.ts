import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { validateAsff } from './asff-validate.ts';
import { writeReports, type ReportFormat } from '../../src/report/write.ts';
import { sampleFindings, sampleInput, scanRecord } from './fixtures.ts';

describe('writeReports', () => {
  let root = '';
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'rampart-reports-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('creates the folder and writes every format, leaving no temporary file', async () => {
    const dir = join(root, 'nested', 'out');
    const paths = await writeReports(['html', 'csv', 'ocsf', 'asff'], dir, sampleInput());
    assert.deepEqual(paths, [
      join(dir, 'rampart-cis-aws-3.0.0-scan-20261120.html'),
      join(dir, 'rampart-cis-aws-3.0.0-scan-20261120.csv'),
      join(dir, 'rampart-cis-aws-3.0.0-scan-20261120.ocsf.jsonl'),
      join(dir, 'rampart-cis-aws-3.0.0-scan-20261120.asff.json'),
    ]);
    assert.deepEqual((await readdir(dir)).sort(), paths.map((p) => p.slice(dir.length + 1)).sort());

    const [htmlPath, csvPath, ocsfPath, asffPath] = paths as [string, string, string, string];
    assert.match(await readFile(htmlPath, 'utf8'), /^<!DOCTYPE html>/);
    assert.equal((await readFile(csvPath, 'utf8')).trimEnd().split('\n').length, sampleFindings().length + 1);
    assert.equal((await readFile(ocsfPath, 'utf8')).trimEnd().split('\n').length, sampleFindings().length);
    const asff = JSON.parse(await readFile(asffPath, 'utf8')) as unknown[];
    assert.equal(asff.length, sampleFindings().length);
    for (const f of asff) assert.deepEqual(validateAsff(f), []);
  });

  it('writes only the formats asked, once each, and replaces an earlier report', async () => {
    const dir = join(root, 'one');
    await writeReports(['csv'], dir, sampleInput({ findings: [] }));
    const paths = await writeReports(['csv', 'csv'], dir, sampleInput());
    assert.equal(paths.length, 1);
    assert.deepEqual(await readdir(dir), ['rampart-cis-aws-3.0.0-scan-20261120.csv']);
    assert.equal((await readFile(paths[0] ?? '', 'utf8')).trimEnd().split('\n').length, sampleFindings().length + 1);
  });

  it('keeps ids with path separators inside the output folder', async () => {
    const dir = join(root, 'safe');
    const [path] = await writeReports(['csv'], dir, sampleInput({ scan: scanRecord({ id: '../../etc/x y' }) }));
    assert.equal(path, join(dir, 'rampart-cis-aws-3.0.0-.._.._etc_x_y.csv'));
  });

  it('rejects an unknown format before writing anything', async () => {
    const dir = join(root, 'bad');
    await assert.rejects(writeReports(['pdf' as ReportFormat], dir, sampleInput()), /unknown report format pdf/);
    await assert.rejects(readdir(dir), { code: 'ENOENT' });
  });
});
