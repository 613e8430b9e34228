import type { CoreDeps } from '../deps.ts';
import type { OutboxEvent } from '../ports/storage.ts';
import { affects } from './affects.ts';
import { isSiteEventType, type SiteEvent } from './events.ts';
import { resourceKey } from './resources.ts';

/** A stored outbox row as the event it records, or undefined for a type this version does not know. */
export function siteEventOf(row: Pick<OutboxEvent, 'type' | 'payload'>): SiteEvent | undefined {
  return isSiteEventType(row.type) ? ({ ...row.payload, type: row.type } as SiteEvent) : undefined;
}

/**
 * The dependency tags (`resources.ts`) an event makes stale, with `neighbours` resolved into the
 * pages of the posts next to the changed one now. An event this version does not know makes every
 * page stale (`site`): the safe side.
 */
export async function staleTags(
  deps: Pick<CoreDeps, 'storage' | 'clock'>,
  row: Pick<OutboxEvent, 'type' | 'payload'>,
): Promise<string[]> {
  const event = siteEventOf(row);
  if (!event) return ['site'];
  const tags: string[] = [];
  for (const resource of affects(event)) {
    if (resource.kind !== 'neighbours') {
      tags.push(resourceKey(resource));
      continue;
    }
    const post = await deps.storage.posts.findById(resource.id);
    if (!post) continue;
    const { previous, next } = await deps.storage.discovery.adjacent(post, deps.clock.now());
    for (const other of [previous, next]) if (other) tags.push(resourceKey({ kind: 'post', id: other.id }));
  }
  return tags;
}
