import { api } from '../api.ts';
import { AccountsTable } from '../components/accounts-table.tsx';
import { FrameworkSelect } from '../components/framework-select.tsx';
import { Card, Empty, ErrorBox, Loading, RateBar } from '../components/status.tsx';
import { SeverityCounts } from '../components/severity-counts.tsx';
import { TrendChart } from '../components/trend-chart.tsx';
import { accountLabel, controlNumber, count, day, percent, plural, sourceLabel } from '../format.ts';
import { Link, useQuery } from '../router.tsx';
import { SEVERITIES, type AccountSummary, type Overview } from '../types.ts';
import { useApi } from '../use-api.ts';

const PERIODS = [7, 30, 90];
export function OverviewPage() {
  const [query, setQuery] = useQuery();
  const days = PERIODS.includes(Number(query.get('days'))) ? Number(query.get('days')) : 30;
  const framework = query.get('framework');
  const { data, error, loading } = useApi<Overview>(api.overviewPath(days, framework));
  return (
    <main aria-busy={loading}>
      <div class="page-head">
        <h1>Compliance overview</h1>
        <div class="controls">
          <FrameworkSelect value={data?.framework ?? framework} frameworks={data?.frameworks} onChange={(f) => setQuery({ framework: f })} />
          <fieldset class="segmented">
            <legend>Period</legend>
            {PERIODS.map((p) => (
              <button key={p} type="button" aria-pressed={p === days} onClick={() => setQuery({ days: String(p) })}>
                {p} days
              </button>
            ))}
          </fieldset>
        </div>
      </div>
      {error && <ErrorBox error={error} />}
      {loading && !data && <Loading />}
      {data && <OverviewBody data={data} days={days} />}
      <Accounts />
    </main>
  );
}

function Accounts() {
  const { data, error, loading } = useApi<{ accounts: AccountSummary[] }>(api.accountsPath());
  return (
    <Card title="Accounts" class="after-grid" busy={loading}>
      {error && <ErrorBox error={error} />}
      {data && (data.accounts.length === 0 ? <Empty>No accounts scanned yet.</Empty> : <AccountsTable accounts={data.accounts} />)}
    </Card>
  );
}

/** One row per account: a failing streak per control would otherwise bury the accounts themselves. */
function EscalationsTable({ escalations }: { escalations: Overview['escalations'] }) {
  if (escalations.length === 0) return <Empty>No account is in escalation.</Empty>;
  const byAccount = new Map<string, Overview['escalations']>();
  for (const e of escalations) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e]);
  const rows = [...byAccount.values()].sort((a, b) => Math.max(...b.map((e) => e.days)) - Math.max(...a.map((e) => e.days)) || b.length - a.length);
  return (
    <table class="escalations">
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Highest tier</th>
          <th scope="col" class="num">
            Longest streak
          </th>
          <th scope="col">Controls failing past a tier</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((list) => {
          const first = list[0]!;
          return (
            <tr key={first.accountId}>
              <td>
                <Link href={`/accounts/${encodeURIComponent(first.accountId)}`}>{accountLabel(first.accountId, first.accountName)}</Link>
              </td>
              <td>Tier {Math.max(...list.map((e) => e.tier))}</td>
              <td class="num">{plural(Math.max(...list.map((e) => e.days)), 'day')}</td>
              <td>
                <span class="muted">{list.length}: </span>
                <ul class="chips">
                  {list.map((e) => (
                    <li key={e.control} title={`${e.title}: ${plural(e.days, 'day')}, tier ${e.tier}`}>
                      {controlNumber(e.control)}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function OverviewBody({ data, days }: { data: Overview; days: number }) {
  const totalOpen = SEVERITIES.reduce((n, s) => n + (data.openFindings.bySeverity[s] ?? 0), 0);
  return (
    <div class="grid">
      <Card title="Organization compliance" class="kpi">
        <p class="big" data-testid="org-rate">
          {percent(data.rate)}
        </p>
        <p class="muted">
          {count(data.compliant)} compliant, {count(data.nonCompliant)} non-compliant account×control pairs on {day(data.day)}
        </p>
      </Card>
      <Card title={`Trend, last ${days} days`} class="wide">
        <TrendChart trend={data.trend} label={`${data.framework} compliance`} />
      </Card>
      <Card title="Open findings">
        <section aria-label="Open findings by severity">
          <h3 class="sub">By severity</h3>
          <SeverityCounts bySeverity={data.openFindings.bySeverity} total={totalOpen} filter="" />
        </section>
        <section aria-label="Open findings by source">
          <h3 class="sub">By source</h3>
          {Object.keys(data.openFindings.bySource).length === 0 ? (
            <Empty>No open findings.</Empty>
          ) : (
            <table class="compact">
              <tbody>
                {Object.entries(data.openFindings.bySource)
                  .sort((a, b) => b[1] - a[1])
                  .map(([source, n]) => (
                    <tr key={source}>
                      <th scope="row">{sourceLabel(source)}</th>
                      <td class="num">
                        <Link href={`/findings?source=${encodeURIComponent(source)}`}>{count(n)}</Link>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </section>
      </Card>
      <Card title="By section" class="full">
        {data.sections.length === 0 ? (
          <Empty>No compliance data for {data.framework} yet.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Section</th>
                <th scope="col">Rate</th>
                <th scope="col" class="num">
                  Compliant
                </th>
                <th scope="col" class="num">
                  Non-compliant
                </th>
              </tr>
            </thead>
            <tbody>
              {data.sections.map((s) => (
                <tr key={s.section}>
                  <th scope="row">{s.section}</th>
                  <td>
                    <RateBar rate={s.rate} />
                  </td>
                  <td class="num">{count(s.compliant)}</td>
                  <td class="num">{count(s.nonCompliant)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title="Accounts in escalation" class="full">
        <EscalationsTable escalations={data.escalations} />
      </Card>
      <Card title="Exceptions expiring soon" class="full">
        {data.expiringExceptions.length === 0 ? (
          <Empty>No exception expires soon.</Empty>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Control</th>
                <th scope="col">Scope</th>
                <th scope="col">Expires</th>
                <th scope="col">Reason</th>
                <th scope="col">Approver</th>
              </tr>
            </thead>
            <tbody>
              {data.expiringExceptions.map((x) => (
                <tr key={x.index}>
                  <td>
                    <code>{x.control}</code>
                  </td>
                  <td>{x.scope}</td>
                  <td>
                    {day(x.expires)} <span class="muted">({x.daysLeft} days left)</span>
                  </td>
                  <td>{x.reason}</td>
                  <td>{x.approver}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <Link href="/exceptions">All exceptions</Link>
        </p>
      </Card>
    </div>
  );
}
