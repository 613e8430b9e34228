import { stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { mediaUrl } from '../../render/components/image.ts';
import { missing } from './report.ts';
import type { AttachmentEntry, Scan } from './scan.ts';
import type { WriteContext } from './people.ts';
import { uploadPath } from './urls.ts';

/**
 * Attachments: a file found under `--media` (a copy of wp-content/uploads) goes through the image
 * library (metadata stripped, sizes made) into the media library; any other keeps its old URL and
 * is listed in the report.
 */

export interface MediaContext extends WriteContext {
  /** The copy of wp-content/uploads, if the writer gave one. */
  mediaDir: string | undefined;
}

/** The attachment's file under the media folder, or why there is none. */
async function locate(
  mediaDir: string | undefined,
  url: string,
): Promise<{ file: string; upload: string } | { reason: string }> {
  if (!mediaDir) return { reason: 'no --media folder given' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { reason: 'not a URL' };
  }
  const upload = uploadPath(parsed);
  if (upload === undefined) return { reason: 'not under wp-content/uploads' };
  const root = resolve(mediaDir);
  const file = resolve(join(root, upload));
  // The path comes from the export: it may not climb out of the folder the writer named.
  if (!file.startsWith(root + sep)) return { reason: 'path leaves the media folder' };
  const found = await stat(file).catch(() => undefined);
  return found?.isFile() ? { file, upload } : { reason: 'file not found under --media' };
}

/** One attachment into the library, with its import record; the media row's id, or a reason. */
async function importAttachment(
  ctx: MediaContext,
  attachment: AttachmentEntry,
): Promise<{ mediaId: number; path: string; upload: string } | { reason: string }> {
  const where = await locate(ctx.mediaDir, attachment.url);
  if ('reason' in where) return where;
  const stored = await ctx.target.media(ctx.source, attachment.id, {
    path: where.file,
    upload: where.upload,
  });
  return 'reason' in stored ? stored : { ...stored, upload: where.upload };
}

/** Every attachment: WordPress attachment id → media id, and upload path → new URL for links. */
export async function importMedia(
  ctx: MediaContext,
  scan: Scan,
  links: Map<string, string>,
  onItem: () => void,
): Promise<Map<number, number>> {
  const byAttachment = new Map<number, number>();
  const recorded = await ctx.storage.imports.all(ctx.source, 'media');
  for (const attachment of scan.attachments.values()) {
    onItem();
    const done = recorded.get(String(attachment.id));
    const media = done === undefined ? undefined : await ctx.storage.media.findById(done);
    if (media) {
      ctx.report.alreadyImported.attachments++;
      byAttachment.set(attachment.id, media.id);
      addUploadLink(links, attachment.url, mediaUrl(media.path));
      continue;
    }
    const result = await importAttachment(ctx, attachment);
    if ('reason' in result) {
      missing(ctx.report, attachment.url, result.reason);
      continue;
    }
    ctx.report.imported.attachments++;
    byAttachment.set(attachment.id, result.mediaId);
    links.set(result.upload, mediaUrl(result.path));
  }
  return byAttachment;
}

function addUploadLink(links: Map<string, string>, url: string, target: string): void {
  try {
    const upload = uploadPath(new URL(url));
    if (upload !== undefined) links.set(upload, target);
  } catch {
    // an attachment URL that is not a URL has no links to rewrite
  }
}
