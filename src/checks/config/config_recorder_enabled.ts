import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import type { Plain } from '../../collect/inventory.ts';
import { INCOMPLETE } from '../lib/iam-results.ts';
import type { RegionCheck } from '../types.ts';

interface Judged {
  name: string;
  /** What keeps the recorder from satisfying CIS 3.3; empty when nothing known does. */
  gaps: string[];
  /** Set when the status needed to judge the recorder is missing. */
  missing?: string;
}

function judge(recorder: Plain<ConfigurationRecorder>, statuses: Plain<ConfigurationRecorderStatus>[]): Judged {
  const name = recorder.name ?? '(unnamed)';
  const gaps: string[] = [];
  if (recorder.recordingGroup?.allSupported !== true) gaps.push('does not record all supported resource types');
  if (recorder.recordingGroup?.includeGlobalResourceTypes !== true) gaps.push('does not include global resource types');
  const status = statuses.find((s) => s.name === recorder.name);
  if (!status) return { name, gaps, missing: 'DescribeConfigurationRecorderStatus gave no status for it' };
  if (status.recording === undefined) return { name, gaps, missing: 'DescribeConfigurationRecorderStatus gave no recording value' };
  if (!status.recording) gaps.push('is not recording');
  if (status.lastStatus?.toUpperCase() === 'FAILURE') {
    gaps.push(`last delivery failed${status.lastErrorCode ? ` (${status.lastErrorCode})` : ''}`);
  }
  return { name, gaps };
}

const check: RegionCheck = {
  id: 'config_recorder_enabled',
  title: 'AWS Config records all resource types in every region',
  severity: 'medium',
  scope: 'region',
  reads: ['config.recorders'],
  remediation:
    'AWS Config console → (region) → Settings → Recording strategy: All resource types, include globally recorded resource types, ' +
    'and start recording; or `aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=ROLE ' +
    '--recording-group allSupported=true,includeGlobalResourceTypes=true` then `aws configservice start-configuration-recorder`.',
  evaluateRegion(ctx, region) {
    const { recorders, statuses } = ctx.regional('config.recorders', region);
    const base = { region, resourceId: ctx.accountId, resourceType: 'AwsAccount' };
    if (recorders.length === 0) {
      return [{ ...base, status: 'FAIL', reason: `no AWS Config recorder in ${region}` }];
    }
    const judged = recorders.map((r) => judge(r, statuses));
    const good = judged.find((j) => j.gaps.length === 0 && !j.missing);
    if (good) {
      return [{ ...base, status: 'PASS', reason: `recorder \`${good.name}\` records all resource types, global ones included, in ${region}` }];
    }
    // A recorder with no known gap but an unknown status may be the one that qualifies.
    const unknown = judged.flatMap((j) => (j.gaps.length === 0 && j.missing ? [`recorder \`${j.name}\` in ${region}: ${j.missing}`] : []));
    if (unknown.length) {
      return [{ ...base, status: 'ERROR', reason: unknown.join('; '), errorCode: INCOMPLETE, evidence: { recorders, statuses } }];
    }
    const why = judged.map((j) => `recorder \`${j.name}\` ${j.gaps.join(', ')}`).join('; ');
    return [{ ...base, status: 'FAIL', reason: `AWS Config is not fully enabled in ${region}: ${why}`, evidence: { recorders, statuses } }];
  },
};

export default check;
