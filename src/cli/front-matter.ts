import { parse } from 'yaml';
import { z } from 'zod';

/** Front matter is a mapping of names to values; the fields themselves are checked by readPostDraft. */
const FRONT_MATTER = z.record(z.string(), z.unknown());

/**
 * Splits a Markdown file into its YAML front matter and body. YAML is parsed by `yaml` in its
 * safe core schema; the split itself is three lines of regex, not worth a dependency.
 */
export function splitFrontMatter(
  text: string,
): { meta: Record<string, unknown>; body: string } | { error: string } {
  const source = text.replace(/^\uFEFF/, '');
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
  if (!match)
    return { error: 'no front matter: the file must start with a line "---", then YAML, then "---"' };
  let meta: unknown;
  try {
    meta = parse(match[1]!, { schema: 'core', maxAliasCount: 50 });
  } catch (e) {
    return { error: `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  const mapping = FRONT_MATTER.safeParse(meta);
  if (!mapping.success) return { error: 'front matter must be a set of "key: value" lines' };
  return { meta: mapping.data, body: source.slice(match[0].length) };
}
