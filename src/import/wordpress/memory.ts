import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps an import's memory near what it actually holds. V8 sizes its heap by the machine, not by
 * the program: on a machine with 16 GB or more the young generation alone grows to 128 MB, and what
 * survives into the old generation waits for a collection V8 sees no hurry for. An import allocates
 * fast (every post and comment is parsed, converted and sanitized) and keeps almost nothing, so on
 * such a machine it would sit at twice the memory it needs. When the heap has grown by `budget`
 * since the last look, a full collection that also gives memory back brings it down again; on a
 * small server V8 stays small by itself and this rarely runs.
 */

type Collect = (options?: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

let collect: Collect | undefined;

function collector(): Collect {
  if (collect) return collect;
  const exposed = (globalThis as { gc?: Collect }).gc;
  if (exposed) return (collect = exposed);
  // `--expose-gc` at run time: V8 then defines `gc` in contexts created after, such as this one.
  setFlagsFromString('--expose-gc');
  return (collect = runInNewContext('gc') as Collect);
}

/** A function to call now and then (after each item); it collects when the heap grew by `budget` bytes. */
export function memoryKeeper(budget: number): () => void {
  const gc = collector();
  let floor = getHeapStatistics().total_heap_size;
  return () => {
    if (getHeapStatistics().total_heap_size < floor + budget) return;
    // "Last resort" also gives the young generation's memory back; a regular collection keeps it.
    gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    floor = getHeapStatistics().total_heap_size;
  };
}
