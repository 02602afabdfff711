import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse, type ScalarTag } from 'yaml';
import { event, guardDutyPortProbe, iamRootMfaControl, ocsfIamRootMfa } from '../hub/fixtures.ts';

// CloudFormation's short-form intrinsics, kept as { Fn: value } so the structure can be checked.
const intrinsic = (tag: string, fn: string, collection?: 'seq' | 'map'): ScalarTag =>
  ({ tag: `!${tag}`, ...(collection ? { collection } : {}), resolve: (value: unknown) => ({ [fn]: value }) }) as unknown as ScalarTag;
const TAGS = [
  intrinsic('Ref', 'Ref'),
  intrinsic('Sub', 'Fn::Sub'),
  intrinsic('GetAtt', 'Fn::GetAtt'),
  intrinsic('Equals', 'Fn::Equals', 'seq'),
  intrinsic('If', 'Fn::If', 'seq'),
];

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const template = parse(readFileSync(new URL('../../deploy/eventbridge-forwarder.yaml', import.meta.url), 'utf8'), { customTags: TAGS }) as Json;

/** EventBridge matching for the pattern forms the template uses: exact values listed per field. */
function matches(pattern: Json, e: Json): boolean {
  return Object.entries(pattern).every(([k, v]) => (Array.isArray(v) ? v.includes(e[k]) : typeof v === 'object' && matches(v as Json, e[k] as Json)));
}

describe('EventBridge forwarder template (deploy/eventbridge-forwarder.yaml)', () => {
  const rules = Object.values(template.Resources as Json).filter((r) => r.Type === 'AWS::Events::Rule');

  it('routes the three finding events Rampart accepts, and nothing else', () => {
    const routed = (e: Json) => rules.some((r) => matches(r.Properties.EventPattern, e));
    assert.equal(routed(event('aws.securityhub', 'Security Hub Findings - Imported', { findings: [iamRootMfaControl('us-east-1')] })), true);
    assert.equal(routed(event('aws.securityhub', 'Findings Imported V2', { findings: [ocsfIamRootMfa('us-east-1')] })), true);
    assert.equal(routed(event('aws.guardduty', 'GuardDuty Finding', guardDutyPortProbe())), true);
    assert.equal(routed(event('aws.securityhub', 'Security Hub Insight Results', {})), false);
    assert.equal(routed(event('aws.guardduty', 'Security Hub Findings - Imported', {})), false);
  });

  it('sends them to <RampartUrl>/events with the API key header, retrying and keeping failures in a queue', () => {
    const r = template.Resources as Json;
    assert.deepEqual(r.Destination.Properties.InvocationEndpoint, { 'Fn::Sub': '${RampartUrl}/events' });
    assert.equal(r.Destination.Properties.HttpMethod, 'POST');
    assert.equal(r.Connection.Properties.AuthorizationType, 'API_KEY');
    assert.deepEqual(r.Connection.Properties.AuthParameters.ApiKeyAuthParameters, { ApiKeyName: { Ref: 'ApiKeyHeader' }, ApiKeyValue: { Ref: 'ApiKey' } });
    assert.equal(template.Parameters.ApiKey.NoEcho, true);
    assert.equal(template.Parameters.ApiKeyHeader.Default, 'x-api-key');
    for (const rule of rules) {
      const [target] = rule.Properties.Targets;
      assert.deepEqual(target.Arn, { 'Fn::GetAtt': 'Destination.Arn' });
      assert.deepEqual(target.DeadLetterConfig.Arn, { 'Fn::GetAtt': 'DeadLetterQueue.Arn' });
      assert.ok(target.RetryPolicy.MaximumRetryAttempts <= 185 && target.RetryPolicy.MaximumEventAgeInSeconds <= 86400);
    }
  });

  it('names nothing globally, so a StackSet can deploy it to every account and region', () => {
    for (const [name, resource] of Object.entries(template.Resources as Json)) {
      const props = (resource as Json).Properties ?? {};
      for (const key of ['Name', 'RoleName', 'QueueName', 'ConnectionName']) assert.equal(props[key], undefined, `${name}.${key} is fixed`);
    }
  });
});
