import { count, day, sourceLabel } from '../format.ts';
import { Link } from '../router.tsx';
import type { Finding } from '../types.ts';
import { FindingStatus, SeverityBadge } from './status.tsx';

export type SortKey = 'severity' | 'account' | 'firstSeen' | 'lastSeen';

function SortHeader({
  label,
  sortKey,
  sort,
  order,
  onSort,
}: {
  label: string;
  sortKey: SortKey;
  sort: string;
  order: string;
  onSort: (key: SortKey, order: 'asc' | 'desc') => void;
}) {
  const active = sort === sortKey;
  const next = active && order === 'desc' ? 'asc' : 'desc';
  return (
    <th scope="col" aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" class="sort" onClick={() => onSort(sortKey, next)}>
        {label}
        <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

export function FindingsTable({
  items,
  sort,
  order,
  onSort,
}: {
  items: Finding[];
  sort: string;
  order: string;
  onSort: (key: SortKey, order: 'asc' | 'desc') => void;
}) {
  const head = { sort, order, onSort };
  return (
    <div class="table-scroll">
      <table class="findings">
        <thead>
          <tr>
            <SortHeader label="Severity" sortKey="severity" {...head} />
            <th scope="col">Finding</th>
            <SortHeader label="Account" sortKey="account" {...head} />
            <th scope="col">Region</th>
            <th scope="col">Resource</th>
            <th scope="col">Source</th>
            <SortHeader label="First seen" sortKey="firstSeen" {...head} />
            <SortHeader label="Last seen" sortKey="lastSeen" {...head} />
          </tr>
        </thead>
        <tbody>
          {items.map((f) => (
            <tr key={f.id}>
              <td>
                <SeverityBadge severity={f.severity} /> <FindingStatus status={f.status} />
              </td>
              <td class="finding-title">
                <div>{f.title}</div>
                <div class="muted">
                  <code>{f.control}</code> {f.reason}
                </div>
              </td>
              <td>
                <Link href={`/accounts/${encodeURIComponent(f.accountId)}`}>{f.accountName ?? f.accountId}</Link>
                {f.accountName && <div class="muted">{f.accountId}</div>}
              </td>
              <td>{f.region}</td>
              <td>
                <code class="wrap">{f.resourceId}</code>
                <div class="muted">{f.resourceType}</div>
              </td>
              <td>{sourceLabel(f.source)}</td>
              <td>{day(f.firstSeen)}</td>
              <td>{day(f.lastSeen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pager({ total, offset, limit, onPage }: { total: number; offset: number; limit: number; onPage: (offset: number) => void }) {
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={offset <= 0} onClick={() => onPage(Math.max(0, offset - limit))}>
        ← Previous
      </button>
      <span aria-live="polite">
        {count(from)}–{count(to)} of {count(total)}
      </span>
      <button type="button" disabled={to >= total} onClick={() => onPage(offset + limit)}>
        Next →
      </button>
    </nav>
  );
}
