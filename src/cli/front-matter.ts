import { parseDocument } from 'yaml';
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
    const doc = parseDocument(match[1]!, { schema: 'core', prettyErrors: true });
    const [error] = doc.errors;
    if (error) return { error: `front matter is not valid YAML: ${error.message.split('\n')[0]}` };
    // yaml only warns about a tag it does not know and keeps the text after it: "!foo bar" would
    // quietly become the title "bar". The writer meant something; ask them what.
    const [warning] = doc.warnings;
    if (warning) return { error: yamlWarning(warning.message, warning.linePos?.[0]?.line) };
    meta = doc.toJS({ maxAliasCount: 50 });
  } catch (e) {
    return { error: `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
  const mapping = FRONT_MATTER.safeParse(meta);
  if (!mapping.success) return { error: 'front matter must be a set of "key: value" lines' };
  return { meta: mapping.data, body: source.slice(match[0].length) };
}

/** The front matter starts on the file's second line, after "---". */
function yamlWarning(message: string, line: number | undefined): string {
  const where = line === undefined ? 'front matter' : `front matter line ${line + 1}`;
  const tag = /^Unresolved tag: (\S+)/.exec(message)?.[1];
  if (tag) return `${where}: unknown YAML tag ${tag} (remove it, or put the value in quotes)`;
  return `${where}: ${message.split(' at line')[0]!.split('\n')[0]}`;
}
