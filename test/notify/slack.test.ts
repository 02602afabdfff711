import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consoleUrl, type AlertEntry } from '../../src/notify/message.ts';
import { escapeMrkdwn, mrkdwn, slackPayload } from '../../src/notify/slack.ts';
import type { AlertFinding } from '../../src/store/index.ts';

function alert(i: number, spec: Partial<AlertFinding> = {}): AlertEntry {
  const finding: AlertFinding = {
    id: `f${i}`,
    source: 'securityhub',
    checkId: 'S3.1',
    accountId: '111111111111',
    region: 'eu-west-1',
    resourceId: `arn:aws:s3:::bucket-${i}-${'x'.repeat(120)}`,
    resourceType: 'AwsS3Bucket',
    status: 'FAIL',
    severity: 'high',
    title: `Bucket ${i} ${'is public & <open> '.repeat(20)}`,
    reason: 'r',
    recordState: 'ACTIVE',
    workflowStatus: 'NEW',
    firstSeen: '2026-11-20T06:00:00.000Z',
    statusChangedAt: '2026-11-20T06:00:00.000Z',
    upstreamId: `arn:aws:securityhub:eu-west-1:111111111111:subscription/aws-foundational-security-best-practices/v/1.0.0/S3.1/finding/${i}`,
    ...spec,
  };
  return { finding, consoleUrl: consoleUrl(finding), owners: [] };
}

describe('Slack messages', () => {
  it('escapes only what mrkdwn treats as markup, and cuts escaped text without splitting an entity', () => {
    assert.equal(escapeMrkdwn('a & <b> *c*'), 'a &amp; &lt;b&gt; *c*');
    assert.equal(mrkdwn('<<<<', 10), '&lt;&lt;…');
    assert.equal(mrkdwn('abcd', 4), 'abcd');
    assert.equal(mrkdwn('abcde', 4), 'abc…');
  });

  it('keeps every text within Slack limits, however long the finding', () => {
    const long = alert(1, { description: '<x>'.repeat(5000), title: 'T'.repeat(5000) });
    const single = slackPayload({ kind: 'finding', key: 'k', route: 'r', entry: long });
    const summary = slackPayload({ kind: 'summary', key: 'k', route: 'r', windowMinutes: 15, entries: Array.from({ length: 40 }, (_, i) => alert(i)) });
    for (const payload of [single, summary]) {
      assert.ok(payload.text.length <= 40_000);
      for (const block of payload.attachments[0]?.blocks ?? []) {
        if ('text' in block) assert.ok(block.text.text.length <= 3000, `section of ${block.text.text.length}`);
        if ('fields' in block) for (const f of block.fields) assert.ok(f.text.length <= 2000);
      }
    }
    const description = single.attachments[0]?.blocks[2];
    assert.ok(description && 'text' in description && description.text.text.endsWith('&gt;…'));
    const listed = summary.attachments[0]?.blocks[2];
    assert.ok(listed && 'text' in listed);
    const items = listed.text.text.split('\n').length - 1;
    assert.ok(items >= 1 && items < 10, `${items} items`);
    assert.deepEqual(summary.attachments[0]?.blocks[3], { type: 'context', elements: [{ type: 'mrkdwn', text: `and ${40 - items} more` }] });
  });

  it('links Security Hub findings by their ASFF id, Rampart findings by resource, GuardDuty by finding id', () => {
    assert.equal(
      consoleUrl({ source: 'securityhub', region: 'eu-west-1', resourceId: 'r', upstreamId: 'arn:aws:securityhub:eu-west-1:1:x/y' }),
      'https://console.aws.amazon.com/securityhub/home?region=eu-west-1#/findings?search=Id%3D%255Coperator%255C%253AEQUALS%255C%253Aarn%253Aaws%253Asecurityhub%253Aeu-west-1%253A1%253Ax%252Fy',
    );
    assert.equal(
      consoleUrl({ source: 'rampart', region: 'global', regions: ['us-gov-west-1'], resourceId: 'arn:aws-us-gov:iam::1:root' }),
      'https://console.amazonaws-us-gov.com/securityhub/home?region=us-gov-west-1#/findings?search=ResourceId%3D%255Coperator%255C%253AEQUALS%255C%253Aarn%253Aaws-us-gov%253Aiam%253A%253A1%253Aroot',
    );
    assert.equal(
      consoleUrl({ source: 'securityhub', product: 'GuardDuty', region: 'us-east-1', resourceId: 'i-1', upstreamId: 'arn:aws:guardduty:us-east-1:1:detector/d/finding/abc123' }),
      'https://console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current&fId=abc123',
    );
  });
});
