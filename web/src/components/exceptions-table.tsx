import { count, day } from '../format.ts';
import type { PolicyException } from '../types.ts';

/** Policy exceptions with what they cover; expired ones stay listed, marked, so stale entries get noticed. */
export function ExceptionsTable({ exceptions }: { exceptions: PolicyException[] }) {
  return (
    <div class="table-scroll">
      <table class="exceptions">
        <thead>
          <tr>
            <th scope="col">Control</th>
            <th scope="col">Scope</th>
            <th scope="col">Reason</th>
            <th scope="col">Approver</th>
            <th scope="col">Expires</th>
            <th scope="col" class="num">
              Findings covered
            </th>
          </tr>
        </thead>
        <tbody>
          {exceptions.map((x) => (
            <tr key={x.index} class={x.expired ? 'expired' : x.daysLeft <= 14 ? 'expiring' : undefined}>
              <td>
                <code>{x.control}</code>
              </td>
              <td>
                {x.scope}
                {x.resource && (
                  <div>
                    resource <code class="wrap">{x.resource}</code>
                  </div>
                )}
                {x.regions && <div class="muted">regions {x.regions.join(', ')}</div>}
              </td>
              <td>{x.reason}</td>
              <td>
                {x.approver}
                {x.approved && <div class="muted">on {day(x.approved)}</div>}
              </td>
              <td>
                {day(x.expires)}{' '}
                {x.expired ? (
                  <span class="badge expired-badge">Expired</span>
                ) : (
                  <span class="muted">({count(x.daysLeft)} days left)</span>
                )}
              </td>
              <td class="num">{count(x.covered)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
