import type { Collected } from './inventory.ts';

/** One collection step per dataset; each step already turns its errors into data (`attempt`). */
export type DatasetTasks<D> = { [K in keyof D]?: () => Promise<Collected<D[K]>> };

/** Runs the steps of the wanted datasets in parallel; datasets nobody reads cost no API call. */
export async function collectWanted<D>(
  wanted: ReadonlySet<keyof D>,
  tasks: DatasetTasks<D>,
): Promise<Partial<{ [K in keyof D]: Collected<D[K]> }>> {
  const keys = (Object.keys(tasks) as (keyof D)[]).filter((key) => wanted.has(key));
  const results = await Promise.all(keys.map(async (key) => [key, await tasks[key]!()] as const));
  return Object.fromEntries(results) as Partial<{ [K in keyof D]: Collected<D[K]> }>;
}
