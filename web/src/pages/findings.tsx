import { api } from '../api.ts';
import { FindingsFilters } from '../components/findings-filters.tsx';
import { FindingsTable, Pager } from '../components/findings-table.tsx';
import { SavedViews } from '../components/saved-views.tsx';
import { Empty, ErrorBox, Loading } from '../components/status.tsx';
import { filterQuery, filtersOf, GROUP_BY, groupsQuery, listQuery, PAGE_SIZE, type FilterKey, type GroupBy } from '../findings-query.ts';
import { count } from '../format.ts';
import { useLocation, useQuery } from '../router.tsx';
import type { AccountSummary, FindingGroups, FindingsPage as Page } from '../types.ts';
import { useApi } from '../use-api.ts';

const GROUP_LABEL: Record<GroupBy, string> = {
  account: 'Account',
  region: 'Region',
  control: 'Control',
  type: 'Type',
  resource: 'Resource',
};

/** Clicking a group narrows the list to it; a resource has no filter of its own, so it is searched for. */
const DRILL_DOWN: Record<GroupBy, FilterKey> = {
  account: 'account',
  region: 'region',
  control: 'control',
  type: 'type',
  resource: 'q',
};

function Groups({ query, groupBy, onDrill }: { query: URLSearchParams; groupBy: GroupBy; onDrill: (key: string) => void }) {
  const { data, error, loading } = useApi<FindingGroups>(api.groupsPath(groupsQuery(query, groupBy)));
  return (
    <section class="card" aria-labelledby="groups-title" aria-busy={loading}>
      <h2 id="groups-title">
        Grouped by {GROUP_LABEL[groupBy].toLowerCase()}
        {data && <span class="muted"> · {data.groups.length} groups</span>}
      </h2>
      {error && <ErrorBox error={error} />}
      {loading && !data && <Loading />}
      {data &&
        (data.groups.length === 0 ? (
          <Empty>No findings match.</Empty>
        ) : (
          <table class="groups">
            <thead>
              <tr>
                <th scope="col">{GROUP_LABEL[groupBy]}</th>
                <th scope="col" class="num">
                  Findings
                </th>
              </tr>
            </thead>
            <tbody>
              {data.groups.map((g) => (
                <tr key={g.key}>
                  <td>
                    <button type="button" class="link" onClick={() => onDrill(g.key)} title={`Show only ${g.label}`}>
                      {g.label}
                    </button>
                  </td>
                  <td class="num">{count(g.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

export function FindingsPage() {
  const { path, search } = useLocation();
  const [query, setQuery] = useQuery();
  const filters = filtersOf(query);
  const groupByParam = query.get('groupBy');
  const groupBy = GROUP_BY.find((g) => g === groupByParam) ?? null;
  const limit = Number(query.get('limit')) > 0 ? Number(query.get('limit')) : PAGE_SIZE;
  const offset = Number(query.get('offset')) > 0 ? Number(query.get('offset')) : 0;
  const list = useApi<Page>(api.findingsPath(listQuery(query)));
  const accounts = useApi<{ accounts: AccountSummary[] }>(api.accountsPath());

  const applyFilters = (f: Record<string, string>) => setQuery({ ...f, offset: null });
  return (
    <main>
      <div class="page-head">
        <h1>Findings</h1>
        <div class="controls">
          <label>
            Group by{' '}
            <select name="groupBy" value={groupBy ?? ''} onChange={(e) => setQuery({ groupBy: e.currentTarget.value })}>
              <option value="">No grouping</option>
              {GROUP_BY.map((g) => (
                <option key={g} value={g}>
                  {GROUP_LABEL[g]}
                </option>
              ))}
            </select>
          </label>
          <a class="button secondary" href={api.csvPath(filterQuery(query))} download>
            Export CSV
          </a>
        </div>
      </div>
      <div class="findings-layout">
        <div class="side">
          <FindingsFilters filters={filters} accounts={accounts.data?.accounts ?? []} onApply={applyFilters} />
          <SavedViews currentUrl={path + search} />
        </div>
        <div class="results">
          {groupBy && <Groups query={query} groupBy={groupBy} onDrill={(key) => setQuery({ [DRILL_DOWN[groupBy]]: key, groupBy: null, offset: null })} />}
          <section class="card" aria-labelledby="list-title" aria-busy={list.loading}>
            <h2 id="list-title">
              Findings {list.data && <span class="muted" data-testid="findings-total">· {count(list.data.total)} total</span>}
            </h2>
            {list.error && <ErrorBox error={list.error} />}
            {list.loading && !list.data && <Loading />}
            {list.data &&
              (list.data.items.length === 0 ? (
                <Empty>No findings match these filters.</Empty>
              ) : (
                <>
                  <FindingsTable
                    items={list.data.items}
                    sort={query.get('sort') ?? ''}
                    order={query.get('order') ?? 'desc'}
                    onSort={(sort, order) => setQuery({ sort, order, offset: null })}
                  />
                  <Pager
                    total={list.data.total}
                    offset={offset}
                    limit={limit}
                    onPage={(o) => {
                      setQuery({ offset: o ? String(o) : null });
                      // The pager sits below the list: show the new page from its first row.
                      document.getElementById('list-title')?.scrollIntoView();
                    }}
                  />
                </>
              ))}
          </section>
        </div>
      </div>
    </main>
  );
}
