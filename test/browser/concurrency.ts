/** Small helpers to keep a browser suite's work in flight without flooding a two-core machine. */

/** Runs `work` over `items` with at most `limit` in flight; results in the items' order. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** At most `limit` of the functions passed run at once; the others wait their turn in order. */
export function limiter(limit: number): <R>(work: () => Promise<R>) => Promise<R> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active < limit) active++;
    else await new Promise<void>((go) => waiting.push(go));
    try {
      return await work();
    } finally {
      // Hand the slot to the next in line, or free it.
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
