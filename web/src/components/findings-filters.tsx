import { useEffect, useState } from 'preact/hooks';
import { FILTER_KEYS, listOf, type FilterKey, type Filters } from '../findings-query.ts';
import { sourceLabel } from '../format.ts';
import { SEVERITIES, type AccountSummary } from '../types.ts';

const SOURCES = ['rampart', 'securityhub', 'guardduty', 'inspector'];
const STATUSES = ['FAIL', 'PASS', 'MANUAL', 'NOT_APPLICABLE', 'ERROR'];

const TEXT_FIELDS: { key: FilterKey; label: string; hint: string }[] = [
  { key: 'account', label: 'Account', hint: '111111111111, …' },
  { key: 'ou', label: 'OU', hint: 'Root/Prod' },
  { key: 'region', label: 'Region', hint: 'eu-west-1, …' },
  { key: 'control', label: 'Control', hint: 'cis-aws-3.0.0/1.4' },
  { key: 'resourceType', label: 'Resource type', hint: 'AwsS3Bucket' },
  { key: 'type', label: 'Finding type', hint: 'Recon:EC2/…' },
];

/** A set of checkboxes editing one comma-separated filter value; values the page does not know are kept. */
function Choices({
  legend,
  name,
  options,
  value,
  label = (o) => o,
  onChange,
}: {
  legend: string;
  name: string;
  options: readonly string[];
  value: string;
  label?: (o: string) => string;
  onChange: (v: string) => void;
}) {
  const chosen = listOf(value);
  const toggle = (o: string, on: boolean) => onChange((on ? [...chosen, o] : chosen.filter((c) => c !== o)).join(','));
  return (
    <fieldset class="choices">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o}>
          <input type="checkbox" name={name} value={o} checked={chosen.includes(o)} onChange={(e) => toggle(o, e.currentTarget.checked)} />
          {label(o)}
        </label>
      ))}
    </fieldset>
  );
}

/** The filter form edits a draft; Apply puts it into the URL (and back to the first page). */
export function FindingsFilters({
  filters,
  accounts,
  onApply,
}: {
  filters: Filters;
  accounts: AccountSummary[];
  onApply: (f: Filters) => void;
}) {
  const [draft, setDraft] = useState<Filters>(filters);
  const applied = JSON.stringify(filters);
  useEffect(() => setDraft(filters), [applied]);
  const set = (key: FilterKey) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const clear = () => onApply(Object.fromEntries(FILTER_KEYS.map((k) => [k, ''])) as Filters);
  return (
    <form
      class="filters card"
      aria-label="Filters"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <div class="filter-row">
        <label class="grow">
          Search
          <input type="search" name="q" value={draft.q} placeholder="title, resource, reason…" onInput={(e) => set('q')(e.currentTarget.value)} />
        </label>
      </div>
      <div class="filter-row">
        <Choices legend="Source" name="source" options={SOURCES} value={draft.source} label={sourceLabel} onChange={set('source')} />
        <Choices legend="Severity" name="severity" options={SEVERITIES} value={draft.severity} onChange={set('severity')} />
        <Choices legend="Status (none ticked: FAIL)" name="status" options={STATUSES} value={draft.status} onChange={set('status')} />
        <label>
          State
          <select name="state" value={draft.state} onChange={(e) => set('state')(e.currentTarget.value)}>
            <option value="">Open</option>
            <option value="resolved">Resolved</option>
            <option value="all">Open and resolved</option>
          </select>
        </label>
      </div>
      <div class="filter-row">
        {TEXT_FIELDS.map((f) => (
          <label key={f.key}>
            {f.label}
            <input
              type="text"
              name={f.key}
              value={draft[f.key]}
              placeholder={f.hint}
              list={f.key === 'account' ? 'account-ids' : undefined}
              onInput={(e) => set(f.key)(e.currentTarget.value)}
            />
          </label>
        ))}
        <label>
          First seen from
          <input type="date" name="firstSeenFrom" value={draft.firstSeenFrom} onInput={(e) => set('firstSeenFrom')(e.currentTarget.value)} />
        </label>
        <label>
          to
          <input type="date" name="firstSeenTo" value={draft.firstSeenTo} onInput={(e) => set('firstSeenTo')(e.currentTarget.value)} />
        </label>
        <datalist id="account-ids">
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name ?? a.id}
            </option>
          ))}
        </datalist>
      </div>
      <div class="filter-actions">
        <button type="submit">Apply filters</button>
        <button type="button" class="secondary" onClick={clear}>
          Clear
        </button>
      </div>
    </form>
  );
}
