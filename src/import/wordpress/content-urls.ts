import { htmlSplit } from './content-autop.ts';
import { decodeHtmlEntities } from '../../render/entities.ts';
import { escapeAttribute } from '../../render/xml.ts';

/**
 * Internal links and images point at the old site; every URL in an href, src, srcset or poster is
 * offered to the importer's mapping, and replaced only when the mapping has a new one. Everything
 * else in the tag stays byte for byte.
 */

const URL_ATTRIBUTE = /(\s)(href|src|srcset|poster)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/** Absolute (`https://…`, `//…`) or root-relative (`/…`): the URLs that can name the old site. */
function isMappable(url: string): boolean {
  return /^(https?:)?\/\//i.test(url) || (url.startsWith('/') && !url.startsWith('//'));
}

function mapOne(url: string, rewrite: (url: string) => string | undefined): string | undefined {
  const trimmed = url.trim();
  return isMappable(trimmed) ? rewrite(trimmed) : undefined;
}

/** `url 300w, url 2x`: each candidate's URL is mapped, its descriptor kept. */
function mapSrcset(value: string, rewrite: (url: string) => string | undefined): string | undefined {
  let changed = false;
  const candidates = value.split(/,(?=\s)|,$/).map((candidate) => {
    const m = /^(\s*)(\S+)(.*)$/s.exec(candidate);
    if (!m) return candidate;
    const mapped = mapOne(m[2] ?? '', rewrite);
    if (mapped === undefined) return candidate;
    changed = true;
    return `${m[1]}${mapped}${m[3]}`;
  });
  return changed ? candidates.join(',') : undefined;
}

function rewriteTag(tag: string, rewrite: (url: string) => string | undefined): string {
  return tag.replace(URL_ATTRIBUTE, (whole, space, name: string, equals, double, single, bare) => {
    const value = decodeHtmlEntities((double ?? single ?? bare ?? '') as string);
    const mapped = name.toLowerCase() === 'srcset' ? mapSrcset(value, rewrite) : mapOne(value, rewrite);
    if (mapped === undefined) return whole;
    return `${space}${name}${equals}"${escapeAttribute(mapped)}"`;
  });
}

export function rewriteUrls(html: string, rewrite: (url: string) => string | undefined): string {
  const parts = htmlSplit(html);
  for (let i = 1; i < parts.length; i += 2) {
    const part = parts[i]!;
    if (/^<[a-z]/i.test(part)) parts[i] = rewriteTag(part, rewrite);
  }
  return parts.join('');
}
