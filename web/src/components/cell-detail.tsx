import { useEffect, useRef } from 'preact/hooks';
import { api } from '../api.ts';
import { accountLabel, controlNumber, day, plural } from '../format.ts';
import { Link } from '../router.tsx';
import type { HeatCellDetail } from '../types.ts';
import { useApi } from '../use-api.ts';
import { Empty, ErrorBox, FindingStatus, Loading, STATUS_LABEL } from './status.tsx';

/** The failing resources behind one heat-map cell, per region, with each check's reason. */
export function CellDetail({ account, control, onClose }: { account: string; control: string; onClose: () => void }) {
  const { data, error, loading } = useApi<HeatCellDetail>(api.heatCellPath(account, control));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [account, control]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const findings = data?.regions.reduce((n, r) => n + r.findings.length, 0) ?? 0;
  return (
    <aside class="cell-detail card" aria-labelledby="cell-detail-title" aria-busy={loading}>
      <div class="panel-head">
        <h2 id="cell-detail-title" tabIndex={-1} ref={heading}>
          {data ? `${controlNumber(data.control)} ${data.title}` : controlNumber(control)}
        </h2>
        <button type="button" class="close" onClick={onClose} aria-label="Close details">
          ×
        </button>
      </div>
      {error && <ErrorBox error={error} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <p>
            <Link href={`/accounts/${encodeURIComponent(data.accountId)}`}>{accountLabel(data.accountId, data.accountName)}</Link>
            {' · '}
            {data.status ? <span class={`badge cell-${data.status}`}>{STATUS_LABEL[data.status]}</span> : <span class="muted">not judged</span>}
            {data.streak > 0 && <> for {plural(data.streak, 'day')}</>} <span class="muted">(as of {day(data.day)})</span>
          </p>
          {data.remediation && (
            <details>
              <summary>How to fix</summary>
              <p class="pre">{data.remediation}</p>
            </details>
          )}
          {findings === 0 ? (
            <Empty>No failing resources.</Empty>
          ) : (
            data.regions.map((r) => (
              <section key={r.region} class="region">
                <h3>
                  {r.region} <span class="muted">({plural(r.findings.length, 'resource')})</span>
                </h3>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Resource</th>
                      <th scope="col">Status</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.findings.map((f) => (
                      <tr key={f.id}>
                        <td>
                          <code class="wrap">{f.resourceId}</code>
                          <div class="muted">{f.resourceType}</div>
                        </td>
                        <td>
                          <FindingStatus status={f.status} />
                        </td>
                        <td>{f.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            ))
          )}
          <p>
            <Link href={`/findings?account=${encodeURIComponent(data.accountId)}&control=${encodeURIComponent(data.control)}`}>
              All open findings for this account and control
            </Link>
          </p>
        </>
      )}
    </aside>
  );
}
