import { api } from '../api.ts';
import { ExceptionsTable } from '../components/exceptions-table.tsx';
import { Empty, ErrorBox, Loading } from '../components/status.tsx';
import type { PolicyException } from '../types.ts';
import { useApi } from '../use-api.ts';

export function ExceptionsPage() {
  const { data, error, loading } = useApi<{ exceptions: PolicyException[] }>(api.exceptionsPath());
  const expired = data?.exceptions.filter((x) => x.expired).length ?? 0;
  return (
    <main aria-busy={loading}>
      <div class="page-head">
        <h1>Exceptions</h1>
        {data && (
          <p class="muted">
            {data.exceptions.length} in the policy{expired > 0 && `, ${expired} expired`}
          </p>
        )}
      </div>
      {error && <ErrorBox error={error} />}
      {loading && !data && <Loading />}
      {data && (
        <section class="card">
          {data.exceptions.length === 0 ? <Empty>The policy grants no exceptions.</Empty> : <ExceptionsTable exceptions={data.exceptions} />}
        </section>
      )}
    </main>
  );
}
