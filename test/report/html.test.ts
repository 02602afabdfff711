import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { escapeHtml, html } from '../../src/report/html-template.ts';
import { renderHtml } from '../../src/report/html.ts';
import { DEV, FRAMEWORK, PROD, finding, sampleFindings, sampleInput, scanRecord } from './fixtures.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(document.cookie)>';

function hostileInput() {
  const findings = [
    ...sampleFindings(),
    finding({
      checkId: 'iam_root_no_access_keys',
      accountId: '333333333333',
      status: 'FAIL',
      requirements: ['1.4'],
      reason: SCRIPT,
      resourceId: IMG,
      title: `<b>${SCRIPT}</b>`,
    }),
    finding({ checkId: 'vpc_flow_logs_enabled', accountId: DEV, status: 'ERROR', region: 'us-west-2', reason: `it's ${IMG}`, errorCode: 'AccessDenied', requirements: ['3.7'] }),
  ];
  return sampleInput({
    findings,
    accounts: [
      { id: PROD, name: 'prod' },
      { id: DEV, name: 'dev' },
      { id: '333333333333', name: `sandbox ${IMG}` },
    ],
    scan: scanRecord({
      status: 'partial',
      actor: SCRIPT,
      errors: [{ accountId: '444444444444', code: 'AccessDenied', message: `cannot assume role ${SCRIPT}` }],
      skipped: [{ accountId: PROD, region: 'ap-east-1', reason: 'region not enabled' }],
    }),
  });
}

describe('escapeHtml / html', () => {
  it('escapes the five HTML-significant characters', () => {
    assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
  });

  it('escapes interpolated values, including arrays, but not nested templates', () => {
    const inner = html`<i>${'<x>'}</i>`;
    assert.equal(html`<p title="${'"q"'}">${[inner, '<y>']}${null}${false}${3}</p>`.value, '<p title="&quot;q&quot;"><i>&lt;x&gt;</i>&lt;y&gt;3</p>');
  });
});

describe('renderHtml', () => {
  it('escapes hostile text everywhere', () => {
    const page = renderHtml(hostileInput());
    assert.doesNotMatch(page, /<script/i);
    assert.doesNotMatch(page, /<img/i);
    assert.doesNotMatch(page, /<b>/);
    assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.includes('&quot;&gt;&lt;img src=x onerror=alert(document.cookie)&gt;'));
    assert.ok(page.includes('it&#39;s'));
    assert.ok(page.includes('sandbox &quot;&gt;&lt;img'));
  });

  it('is self-contained with a restrictive CSP that allows only its own stylesheet', () => {
    const page = renderHtml(hostileInput());
    // the attribute is escaped like any other; a browser reads &#39; as '
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1]?.replaceAll('&#39;', "'");
    assert.ok(csp);
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|script-src/);
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)];
    assert.equal(styles.length, 1);
    const hash = createHash('sha256').update(styles[0]?.[1] ?? '').digest('base64');
    assert.ok(csp.includes(`'sha256-${hash}'`), 'CSP hash matches the inline stylesheet');
    assert.doesNotMatch(page, /\sstyle=/, 'no inline style attributes (the CSP would block them)');
    assert.doesNotMatch(page, /(src|href)="(https?:)?\/\//, 'no external assets');
  });

  it('shows the header, every account, and each failing resource with region and reason', () => {
    const page = renderHtml(hostileInput());
    assert.match(page, /<h1>CIS Amazon Web Services Foundations Benchmark v3\.0\.0/);
    assert.match(page, /2026-11-20 11:50:00 UTC – 2026-11-20 12:00:00 UTC/);
    assert.match(page, /us-east-1, eu-west-1/);
    assert.match(page, /Partial<\/span> 2 result\(s\) could not be evaluated, 1 problem\(s\)/);
    for (const id of [PROD, DEV, '333333333333']) assert.ok(page.includes(`<td>${id}</td>`), id);
    assert.match(page, /<td class="num"><meter min="0" max="100" value="50.0"><\/meter> 50.0%<\/td>/);

    const failures = page.slice(page.indexOf('<section id="failures">'), page.indexOf('<section id="errors">'));
    assert.match(failures, /<h3 id="req-1\.4">1\.4 Ensure no &#39;root&#39; user account access key exists<\/h3>/);
    assert.match(failures, /root user has 1 active access key/);
    assert.match(failures, /<h3 id="req-3\.7">/);
    assert.match(failures, /<td>eu-west-1<\/td><td class="wrap">vpc-0abc<br><small>AwsEc2Vpc<\/small><\/td><td>medium<\/td><td class="wrap">VPC `vpc-0abc` has no flow log<\/td>/);
    assert.match(failures, /How to fix:<\/strong> Delete the root access keys\./);
    assert.doesNotMatch(failures, /<h3 id="req-3\.1">/, 'passing requirements are not listed');
    assert.doesNotMatch(failures, /vpc-0def/, 'passing resources are not listed');

    const errors = page.slice(page.indexOf('<section id="errors">'));
    assert.match(errors, /444444444444/);
    assert.match(errors, /cannot assume role &lt;script&gt;/);
    assert.match(errors, /<td>us-west-2<\/td><td>vpc_flow_logs_enabled<\/td><td>AccessDenied<\/td>/);
    assert.match(errors, /region not enabled/);
  });

  it('shows a status per requirement and account, grouped by section', () => {
    const page = renderHtml(sampleInput());
    const reqs = page.slice(page.indexOf('<section id="requirements">'), page.indexOf('<section id="failures">'));
    assert.match(reqs, /<th colspan="5">Identity and Access Management<\/th>/);
    assert.match(reqs, /<td><a href="#req-1\.4">1\.4<\/a><\/td><td>Ensure no &#39;root&#39; user account access key exists<\/td><td class="num">1<\/td><td class="st FAIL">FAIL<\/td><td class="st PASS">PASS<\/td><\/tr>/);
    assert.match(reqs, /<td>1\.3<\/td><td>Ensure security questions[^<]*<small>\(manual\)<\/small><\/td><td class="num">1<\/td><td class="st MANUAL">MANUAL<\/td><td class="st MANUAL">MANUAL<\/td>/);
    assert.match(reqs, /<td class="num">2<\/td><td class="st FAIL">FAIL<\/td><td class="st ERROR">ERROR<\/td>/);
  });

  it('shows the automated evidence behind a manual requirement', () => {
    const base = sampleInput();
    const manual = (accountId: string, automatedStatus: 'PASS' | 'FAIL') =>
      finding({ checkId: 'iam_root_hardware_mfa_enabled', accountId, status: 'MANUAL', requirements: ['1.6'], evidence: { automatedStatus } });
    const framework = {
      ...FRAMEWORK,
      requirements: [...FRAMEWORK.requirements, { id: '1.6', title: 'Ensure hardware MFA is enabled for the root user', section: 'Identity and Access Management', level: 2 as const, checks: ['iam_root_hardware_mfa_enabled'], manual: true }],
    };
    const page = renderHtml({ ...base, framework, findings: [...base.findings, manual(PROD, 'FAIL'), manual(DEV, 'PASS')] });
    const reqs = page.slice(page.indexOf('<section id="requirements">'), page.indexOf('<section id="failures">'));
    assert.match(reqs, /<td>1\.6<\/td><td>[^<]*<small>\(manual\)<\/small><\/td><td class="num">2<\/td><td class="st MANUAL">MANUAL<br><small>evidence FAIL<\/small><\/td><td class="st MANUAL">MANUAL<br><small>evidence PASS<\/small><\/td>/);
  });

  it('counts accounts per status instead of one column each for large organizations', () => {
    const page = renderHtml(sampleInput(), { matrixMaxAccounts: 1 });
    const reqs = page.slice(page.indexOf('<section id="requirements">'), page.indexOf('<section id="failures">'));
    assert.match(reqs, /<th class="num">Accounts FAIL<\/th>/);
    assert.match(reqs, /1\.4<\/a><\/td><td>[^<]*<\/td><td class="num">1<\/td><td class="num FAIL">1<\/td><td class="num ERROR">0<\/td><td class="num MANUAL">0<\/td><td class="num PASS">1<\/td>/);
  });

  it('says so when the scan is complete and nothing failed', () => {
    const page = renderHtml(sampleInput({ scan: scanRecord(), findings: [finding({ checkId: 'iam_root_no_access_keys', accountId: PROD, status: 'PASS', requirements: ['1.4'] })] }));
    assert.match(page, /badge PASS">Complete/);
    assert.match(page, /No requirement failed\./);
    assert.match(page, /No errors: every account and region was scanned/);
  });
});
