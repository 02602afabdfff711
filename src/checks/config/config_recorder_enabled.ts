import type { ConfigurationRecorder, ConfigurationRecorderStatus } from '@aws-sdk/client-config-service';
import type { Plain } from '../../collect/inventory.ts';
import type { RegionCheck } from '../types.ts';

/** What keeps one recorder from satisfying CIS 3.3; empty when it does. */
function gaps(recorder: Plain<ConfigurationRecorder>, status: Plain<ConfigurationRecorderStatus> | undefined): string[] {
  const out: string[] = [];
  if (recorder.recordingGroup?.allSupported !== true) out.push('does not record all supported resource types');
  if (recorder.recordingGroup?.includeGlobalResourceTypes !== true) out.push('does not include global resource types');
  if (!status) {
    out.push('has no recorder status');
  } else {
    if (status.recording !== true) out.push('is not recording');
    if (status.lastStatus?.toUpperCase() === 'FAILURE') {
      out.push(`last delivery failed${status.lastErrorCode ? ` (${status.lastErrorCode})` : ''}`);
    }
  }
  return out;
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
    const judged = recorders.map((r) => ({ name: r.name ?? '(unnamed)', gaps: gaps(r, statuses.find((s) => s.name === r.name)) }));
    const good = judged.find((j) => j.gaps.length === 0);
    if (good) {
      return [{ ...base, status: 'PASS', reason: `recorder \`${good.name}\` records all resource types, global ones included, in ${region}` }];
    }
    const why = judged.map((j) => `recorder \`${j.name}\` ${j.gaps.join(', ')}`).join('; ');
    return [{ ...base, status: 'FAIL', reason: `AWS Config is not fully enabled in ${region}: ${why}`, evidence: { recorders, statuses } }];
  },
};

export default check;
