import { api } from '../api.ts';
import { CellDetail } from '../components/cell-detail.tsx';
import { FrameworkSelect } from '../components/framework-select.tsx';
import { HeatmapGrid } from '../components/heatmap.tsx';
import { Empty, ErrorBox, Loading, StatusLegend } from '../components/status.tsx';
import { day } from '../format.ts';
import { useQuery } from '../router.tsx';
import type { Heatmap } from '../types.ts';
import { useApi } from '../use-api.ts';

export function HeatmapPage() {
  const [query, setQuery] = useQuery();
  const framework = query.get('framework');
  const account = query.get('account');
  const control = query.get('control');
  const { data, error, loading } = useApi<Heatmap>(api.heatmapPath(framework));
  // The open cell lives in the URL, so a cell can be linked to and Back closes it.
  const select = (a: string, c: string) => setQuery({ account: a, control: c });
  const close = () => setQuery({ account: null, control: null });
  return (
    <main aria-busy={loading}>
      <div class="page-head">
        <h1>Heat map</h1>
        <div class="controls">
          {data && <p class="muted">status per account and control on {day(data.day)}</p>}
          <FrameworkSelect value={data?.framework ?? framework} frameworks={data?.frameworks} onChange={(f) => setQuery({ framework: f, account: null, control: null })} />
        </div>
      </div>
      <StatusLegend />
      {error && <ErrorBox error={error} />}
      {loading && !data && <Loading />}
      {data &&
        (data.groups.length === 0 || data.controls.length === 0 ? (
          <Empty>No compliance data yet: run a scan first.</Empty>
        ) : (
          <div class={`heatmap-layout${account && control ? ' with-detail' : ''}`}>
            <HeatmapGrid data={data} selected={account && control ? { account, control } : null} onSelect={select} />
            {account && control && <CellDetail account={account} control={control} onClose={close} />}
          </div>
        ))}
    </main>
  );
}
