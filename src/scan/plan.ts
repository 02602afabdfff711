import type { GlobalKey, RegionalKey, DatasetKey } from '../collect/inventory.ts';
import type { Collector } from '../collect/types.ts';
import type { Check } from '../checks/types.ts';
import type { Framework } from '../frameworks/types.ts';

export interface ScanPlan {
  checks: Check[];
  collectors: Collector[];
  wantedGlobal: Set<GlobalKey>;
  wantedRegional: Set<RegionalKey>;
}

/**
 * What a framework needs: its checks, the datasets they read (plus what the collectors of those
 * datasets read first), and only the collectors that produce them.
 */
export function planScan(framework: Framework, allChecks: ReadonlyMap<string, Check>, allCollectors: readonly Collector[]): ScanPlan {
  const ids = new Set(framework.requirements.flatMap((r) => r.checks));
  const checks: Check[] = [];
  for (const id of ids) {
    const c = allChecks.get(id);
    if (!c) throw new Error(`framework ${framework.id} names check ${id}, which does not exist`);
    checks.push(c);
  }
  const wanted = new Set<DatasetKey>(checks.flatMap((c) => c.reads));
  const producer = new Map<DatasetKey, Collector>();
  for (const col of allCollectors) for (const d of col.datasets) producer.set(d, col);
  // Final collectors read other datasets; pull those in until nothing new is needed.
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of [...wanted]) {
      const col = producer.get(d);
      if (col?.phase === 'final') {
        for (const n of col.needs) {
          if (!wanted.has(n)) {
            wanted.add(n);
            grew = true;
          }
        }
      }
    }
  }
  for (const d of wanted) if (!producer.has(d)) throw new Error(`no collector produces dataset ${d}`);
  const collectors = allCollectors.filter((c) => c.datasets.some((d) => wanted.has(d)));
  const wantedGlobal = new Set<GlobalKey>();
  const wantedRegional = new Set<RegionalKey>();
  for (const col of collectors) {
    for (const d of col.datasets) {
      if (!wanted.has(d)) continue;
      if (col.phase === 'regional') wantedRegional.add(d as RegionalKey);
      else wantedGlobal.add(d as GlobalKey);
    }
  }
  return { checks, collectors, wantedGlobal, wantedRegional };
}
