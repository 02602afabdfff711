import { accountLabel, count, dateTime } from '../format.ts';
import { Link } from '../router.tsx';
import type { AccountSummary } from '../types.ts';
import { RateBar } from './status.tsx';

/** Every account the user may see, worst compliance first: the way into each account page. */
export function AccountsTable({ accounts }: { accounts: AccountSummary[] }) {
  const sorted = [...accounts].sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.id.localeCompare(b.id));
  return (
    <div class="table-scroll">
      <table class="accounts">
        <thead>
          <tr>
            <th scope="col">Account</th>
            <th scope="col">OU</th>
            <th scope="col">Compliance</th>
            <th scope="col" class="num">
              Open findings
            </th>
            <th scope="col">Last scanned</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((a) => (
            <tr key={a.id}>
              <td>
                <Link href={`/accounts/${encodeURIComponent(a.id)}`}>{accountLabel(a.id, a.name)}</Link>
              </td>
              <td>{a.ouPath ?? '—'}</td>
              <td>
                <RateBar rate={a.rate} />
              </td>
              <td class="num">
                <Link href={`/findings?account=${encodeURIComponent(a.id)}`}>{count(a.openFindings)}</Link>
              </td>
              <td>{dateTime(a.lastScannedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
