import { count } from '../format.ts';
import { Link } from '../router.tsx';
import { SEVERITIES } from '../types.ts';
import { SeverityBadge } from './status.tsx';

/** Open findings per severity and in all, each linking to the explorer narrowed by `filter` (a query string, or ''). */
export function SeverityCounts(props: { bySeverity: Record<string, number>; total: number; filter: string }) {
  const { bySeverity, total, filter } = props;
  const href = (extra: string) => `/findings${[filter, extra].filter(Boolean).length ? `?${[filter, extra].filter(Boolean).join('&')}` : ''}`;
  return (
    <table class="compact">
      <tbody>
        {SEVERITIES.map((s) => (
          <tr key={s}>
            <th scope="row">
              <SeverityBadge severity={s} />
            </th>
            <td class="num">
              <Link href={href(`severity=${s}`)}>{count(bySeverity[s] ?? 0)}</Link>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">Total</th>
          <td class="num">
            <Link href={href('')}>{count(total)}</Link>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
