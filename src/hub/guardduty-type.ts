// `Purpose:Resource-Rest` (ASFF), `Purpose:Resource/Rest` (GuardDuty, OCSF), `Purpose:Resource.Rest` (seen too).
const EMBEDDED = /(?:^|\/)([A-Za-z]+):([A-Za-z0-9]+)[-/.]([^/]+)$/;
// `TTPs/Impact/IAMUser-AnomalousBehavior`: the purpose moved into the category.
const PURPOSE_IN_CATEGORY = /^([A-Za-z0-9]+)-(.+)$/;

/**
 * The GuardDuty finding type (`Recon:EC2/PortProbeUnprotectedPort`) from the `Types` Security Hub
 * gives a GuardDuty finding (`TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort`). Security Hub's
 * mapping is a table, not a rule, so this is a best effort: the finding's id never depends on it.
 */
export function guardDutyTypeFromAsff(types: readonly string[]): string {
  for (const t of types) {
    const m = EMBEDDED.exec(t);
    if (m) return `${m[1]}:${m[2]}/${m[3]}`;
  }
  for (const t of types) {
    const parts = t.split('/');
    const m = parts.length >= 2 ? PURPOSE_IN_CATEGORY.exec(parts.at(-1)!) : null;
    if (m) return `${parts.at(-2)!.replace(/ /g, '')}:${m[1]}/${m[2]}`;
  }
  return types[0] ?? '';
}
