/** Every item over all pages of an SDK paginator, in page order. */
export async function allItems<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) {
    for (const item of items(page) ?? []) all.push(item);
  }
  return all;
}
