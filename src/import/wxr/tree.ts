/**
 * The small tree the reader builds for one channel child at a time (an item, an author, a term, a
 * header field), so the mapping to WXR types is plain data work and never sees the parser.
 */

/**
 * Which vocabulary an element belongs to, decided by its namespace URI and never by its prefix:
 * exports bind other prefixes, rebind `wp:` to foreign URIs, and mix WXR 1.0, 1.1 and 1.2 namespaces.
 */
export type Vocabulary = 'rss' | 'wp' | 'excerpt' | 'content' | 'dc' | 'other';

const WP = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/$/;
const EXCERPT = /^https?:\/\/wordpress\.org\/export\/1\.\d+\/excerpt\/$/;
const CONTENT = /^https?:\/\/purl\.org\/rss\/1\.0\/modules\/content\/$/;
const DC = /^https?:\/\/purl\.org\/dc\/elements\/1\.1\/$/;

/** A file uses a handful of namespaces, and every element asks: remembered per URI. */
const known = new Map<string, Vocabulary>();

export function vocabularyOf(uri: string): Vocabulary {
  let vocabulary = known.get(uri);
  if (vocabulary === undefined) {
    vocabulary = classify(uri);
    if (known.size < 64) known.set(uri, vocabulary);
  }
  return vocabulary;
}

function classify(uri: string): Vocabulary {
  if (uri === '') return 'rss';
  if (WP.test(uri)) return 'wp';
  if (EXCERPT.test(uri)) return 'excerpt';
  if (CONTENT.test(uri)) return 'content';
  if (DC.test(uri)) return 'dc';
  return 'other';
}

export function isWordPressNamespace(uri: string): boolean {
  return WP.test(uri);
}

export interface XNode {
  vocabulary: Vocabulary;
  local: string;
  attributes: Record<string, string>;
  /** Text and CDATA pieces while open; joined into one string when the element closes. */
  parts: string[];
  text: string;
  children: XNode[];
}

export function newNode(vocabulary: Vocabulary, local: string, attributes: Record<string, string>): XNode {
  return { vocabulary, local, attributes, parts: [], text: '', children: [] };
}

export function finishNode(node: XNode): void {
  node.text = node.parts.join('');
  node.parts = [];
}

/**
 * The first matching child, as WordPress's own SimpleXML parser reads `$wp->post_id`: a file that
 * repeats a field (namespace-edge-cases.xml binds two prefixes to the WXR namespace) keeps the first.
 */
export function child(node: XNode, vocabulary: Vocabulary, local: string): XNode | undefined {
  return node.children.find((c) => c.vocabulary === vocabulary && c.local === local);
}

export function children(node: XNode, vocabulary: Vocabulary, local: string): XNode[] {
  return node.children.filter((c) => c.vocabulary === vocabulary && c.local === local);
}

/** A field's text exactly as written (titles, content, names): nothing trimmed or normalised. */
export function raw(node: XNode, vocabulary: Vocabulary, local: string): string {
  return child(node, vocabulary, local)?.text ?? '';
}

/** A field that is an identifier, a date, a URL or a status: surrounding whitespace is layout. */
export function word(node: XNode, vocabulary: Vocabulary, local: string): string {
  return raw(node, vocabulary, local).trim();
}

export function integer(node: XNode, local: string): number | null {
  const text = word(node, 'wp', local);
  return /^-?\d+$/.test(text) ? Number.parseInt(text, 10) : null;
}
