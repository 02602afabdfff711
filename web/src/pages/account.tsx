import { api } from '../api.ts';
import { ExceptionsTable } from '../components/exceptions-table.tsx';
import { Card, Empty, ErrorBox, Loading } from '../components/status.tsx';
import { SeverityCounts } from '../components/severity-counts.tsx';
import { TrendChart } from '../components/trend-chart.tsx';
import { byControl, count, dateTime, day, percent } from '../format.ts';
import type { AccountDetail, Contact, Session } from '../types.ts';
import { useApi } from '../use-api.ts';

function ContactLine({ contact }: { contact: Contact }) {
  const ways = [contact.email, contact.slack && `Slack ${contact.slack}`].filter(Boolean).join(' · ');
  return (
    <>
      {contact.name ?? contact.email ?? contact.slack}
      {contact.name && ways && <span class="muted"> {ways}</span>}
      {!contact.name && contact.email && contact.slack && <span class="muted"> Slack {contact.slack}</span>}
    </>
  );
}

export function AccountPage({ id, session }: { id: string; session: Session }) {
  const { data, error, loading } = useApi<AccountDetail>(api.accountPath(id));
  const latest = data?.trend.filter((t) => t.rate !== null).at(-1) ?? null;
  return (
    <main aria-busy={loading}>
      <div class="page-head">
        <h1>{data?.name ? `${data.name} ` : 'Account '}<span class="muted">{id}</span></h1>
        {data?.ouPath && <p class="muted">OU {data.ouPath}</p>}
      </div>
      {error && <ErrorBox error={error} />}
      {error?.status === 403 && session.accounts && (
        <p>
          You can see accounts {session.accounts.join(', ')}.
        </p>
      )}
      {loading && !data && <Loading />}
      {data && (
        <div class="grid">
          <Card title="Compliance" class="kpi">
            <p class="big">{percent(latest?.rate)}</p>
            <p class="muted">{latest ? `on ${latest.day}` : 'no compliance data yet'}</p>
          </Card>
          <Card title="Compliance trend, 90 days" class="wide">
            <TrendChart trend={data.trend} label={`${data.name ?? data.id} compliance`} />
          </Card>
          <Card title="Owners">
            {data.owners ? (
              <dl class="pairs">
                <dt>Owners</dt>
                <dd>
                  {data.owners.owners.length === 0 ? (
                    <span class="muted">none</span>
                  ) : (
                    <ul class="plain">
                      {data.owners.owners.map((o, i) => (
                        <li key={i}>
                          <ContactLine contact={o} />
                        </li>
                      ))}
                    </ul>
                  )}
                </dd>
                <dt>Manager</dt>
                <dd>{data.owners.manager ? <ContactLine contact={data.owners.manager} /> : <span class="muted">none</span>}</dd>
              </dl>
            ) : (
              <Empty>No owners known: escalations go to the security team.</Empty>
            )}
            {data.email && <p class="muted">Account email {data.email}</p>}
          </Card>
          <Card title="Open findings">
            <SeverityCounts bySeverity={data.openFindings.bySeverity} total={data.openFindings.total} filter={`account=${encodeURIComponent(data.id)}`} />
          </Card>
          <Card title="Last scan" class="wide">
            {data.lastScan ? (
              <>
                <dl class="pairs">
                  <dt>Started</dt>
                  <dd>{dateTime(data.lastScan.startedAt)}</dd>
                  <dt>Finished</dt>
                  <dd>{dateTime(data.lastScan.finishedAt)}</dd>
                  <dt>Status</dt>
                  <dd>
                    <span class={`badge scan-${data.lastScan.status}`}>{data.lastScan.status}</span>
                  </dd>
                </dl>
                {data.lastScan.errors.length > 0 && (
                  <table class="compact errors">
                    <caption>{data.lastScan.errors.length} error(s) during the scan</caption>
                    <thead>
                      <tr>
                        <th scope="col">Region</th>
                        <th scope="col">Error</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.lastScan.errors.map((e, i) => (
                        <tr key={i}>
                          <td>{e.region ?? 'all regions'}</td>
                          <td>
                            <code>{e.code}</code> {e.message}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </>
            ) : (
              <Empty>Never scanned.</Empty>
            )}
          </Card>
          <Card title="Escalations" class="full">
            {data.escalations.length === 0 ? (
              <Empty>No escalations sent for this account.</Empty>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">Control</th>
                    <th scope="col">Tier</th>
                    <th scope="col" class="num">
                      Days failing
                    </th>
                    <th scope="col">Failing since</th>
                    <th scope="col">Sent</th>
                    <th scope="col">To</th>
                  </tr>
                </thead>
                <tbody>
                  {[...data.escalations].sort(byControl).map((e) => (
                    <tr key={`${e.control} ${e.tier} ${e.sentAt}`}>
                      <td>
                        <code>{e.control}</code>
                      </td>
                      <td>Tier {e.tier}</td>
                      <td class="num">{count(e.days)}</td>
                      <td>{day(e.streakStart)}</td>
                      <td>{dateTime(e.sentAt)}</td>
                      <td>{e.recipients.join(', ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          <Card title="Exceptions" class="full">
            {data.exceptions.length === 0 ? <Empty>No exception applies to this account.</Empty> : <ExceptionsTable exceptions={data.exceptions} />}
          </Card>
        </div>
      )}
    </main>
  );
}
