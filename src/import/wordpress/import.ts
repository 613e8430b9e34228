import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { readSettings } from '../../core/site/settings-cache.ts';
import type { Clock } from '../../core/ports/clock.ts';
import type { Formatter } from '../../core/ports/formatter.ts';
import type { ImageLibrary } from '../../core/ports/images.ts';
import type { ImportBatch } from '../../core/imports/batch.ts';
import type { Storage } from '../../core/ports/storage.ts';
import { readWxr } from '../wxr/reader.ts';
import type { ReadOptions } from '../wxr/session.ts';
import type { WxrEvent } from '../wxr/types.ts';
import { ipHasher } from './comments.ts';
import { mapItem, type ItemContext } from './items.ts';
import { importMedia } from './media.ts';
import { fallbackAuthor, importAuthors, importTerms, type WriteContext } from './people.ts';
import { planPosts } from './plan.ts';
import { planRedirects } from './redirects.ts';
import { emptyReport, type ImportReport } from './report.ts';
import { scanExport, type Scan } from './scan.ts';
import { dryRunTarget, siteTarget, type ImportTarget } from './target.ts';
import { linkRewriter, sourceKey } from './urls.ts';

/**
 * `samizdat import wxr`: a WordPress export into this site. Two streaming passes over the file:
 * the first reads it whole and keeps only small maps (so a malformed file is refused before anything
 * is written, and every link can be rewritten to a post that comes later in the file); then authors,
 * terms and media; the second pass writes each post with its comments in its own transaction.
 */

export interface ImportDeps {
  storage: Storage;
  formatter: Formatter;
  images: ImageLibrary;
  clock: Clock;
  /** The site secret: commenters' IP addresses are stored only as keyed hashes of it. */
  secret: string;
}

export interface ImportProgress {
  phase: 'reading' | 'media' | 'importing';
  /** Bytes of the file read so far in this phase, and the file's size. */
  bytes: number;
  totalBytes: number;
  /** Items (posts, pages, attachments, menu items…) done in this phase, and in the file once known. */
  items: number;
  totalItems: number | undefined;
}

export interface ImportOptions {
  file: string;
  /** A copy of wp-content/uploads. */
  mediaDir?: string | undefined;
  /** Parse and convert everything, write nothing, report the same. */
  dryRun?: boolean;
  onProgress?: (progress: ImportProgress) => void;
}

/** The file's events, counting bytes as the reader pulls them. */
function events(
  file: string,
  onBytes: (n: number) => void,
  options: ReadOptions = {},
): AsyncGenerator<WxrEvent> {
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(file, { highWaterMark: 32 * 1024 })) {
      onBytes((chunk as Buffer).length);
      yield chunk as Buffer;
    }
  }
  return readWxr(chunks(), options);
}

function progressTracker(options: ImportOptions, totalBytes: number) {
  const state: ImportProgress = { phase: 'reading', bytes: 0, totalBytes, items: 0, totalItems: undefined };
  return {
    state,
    phase(phase: ImportProgress['phase'], totalItems: number | undefined) {
      Object.assign(state, { phase, bytes: 0, items: 0, totalItems });
    },
    bytes: (n: number) => void (state.bytes += n),
    item: () => {
      state.items++;
      options.onProgress?.(state);
    },
  };
}

export async function importWordpress(deps: ImportDeps, options: ImportOptions): Promise<ImportReport> {
  const started = performance.now();
  const dryRun = options.dryRun ?? false;
  const report = emptyReport(options.file, dryRun);
  const progress = progressTracker(options, (await stat(options.file)).size);
  const now = deps.clock.now();
  const target: ImportTarget = dryRun ? dryRunTarget(deps.storage) : siteTarget(deps);

  const scan = await scanExport(
    events(options.file, progress.bytes, { withoutComments: true }),
    report,
    now,
    progress.item,
  );
  report.source = sourceKey(scan.site, basename(options.file));
  const ctx: WriteContext = { storage: deps.storage, source: report.source, report, target };
  const { permalink } = await readSettings(deps.storage);
  const plan = await planPosts(deps.storage, scan, report.source, permalink, report);
  const authors = await importAuthors(ctx, scan);
  const terms = await importTerms(ctx, scan);
  progress.phase('media', scan.attachments.size);
  const media = await importMedia(
    { ...ctx, mediaDir: options.mediaDir },
    scan,
    plan.links.media,
    progress.item,
  );
  const redirects = await planRedirects({ storage: deps.storage, scan, plan, report, authors });
  await target.oldAddresses(report.source, plan.links.blog.prefix, redirects);

  const items: ItemContext = {
    ...ctx,
    formatter: deps.formatter,
    hashIp: ipHasher(deps.secret),
    rewriteUrl: linkRewriter(plan.links),
    plan,
    authors,
    fallbackAuthorId: await fallbackAuthor(ctx, authors),
    terms,
    media,
    attachments: scan.attachments,
    now,
  };
  progress.phase('importing', scan.items);
  await secondPass(items, events(options.file, progress.bytes), progress.item);

  finish(report, scan, started);
  return report;
}

/**
 * Items are converted outside any transaction and written a batch at a time, whole items only, in
 * one short transaction each: a commit per post would spend most of an import waiting for the disk,
 * and a transaction held while converting would keep the site's other writers waiting. A batch
 * closes at BATCH_POSTS posts or BATCH_COMMENTS comments, which also bounds the memory it holds.
 */
const BATCH_POSTS = 128;
const BATCH_COMMENTS = 2048;

async function secondPass(
  ctx: ItemContext,
  stream: AsyncIterable<WxrEvent>,
  onItem: () => void,
): Promise<void> {
  let batch: ImportBatch = { source: ctx.source, posts: [], comments: [] };
  let comments = 0;
  const flush = async () => {
    const ids = await ctx.target.batch(batch);
    batch.posts.forEach((p, i) => ctx.plan.imported.set(Number(p.sourceId), ids[i]!));
    batch = { source: ctx.source, posts: [], comments: [] };
    comments = 0;
  };
  /** WordPress ids of the posts waiting in the batch: an item repeated in the file waits for its first. */
  const waiting = new Set<number>();
  for await (const event of stream) {
    if (event.kind !== 'item') continue;
    if (waiting.has(event.item.id)) {
      await flush();
      waiting.clear();
    }
    const mapped = await mapItem(ctx, event.item);
    onItem();
    if (!mapped) continue;
    if ('post' in mapped) {
      batch.posts.push(mapped.post);
      waiting.add(event.item.id);
      comments += mapped.post.comments.length;
    } else {
      batch.comments.push(mapped.comments);
      comments += mapped.comments.comments.length;
    }
    if (batch.posts.length >= BATCH_POSTS || comments >= BATCH_COMMENTS) {
      await flush();
      waiting.clear();
    }
  }
  await flush();
}

function finish(report: ImportReport, scan: Scan, started: number): void {
  report.items = scan.items;
  report.seconds = (performance.now() - started) / 1000;
  report.itemsPerSecond = report.seconds > 0 ? scan.items / report.seconds : 0;
}
