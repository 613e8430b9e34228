import { SaxesParser } from 'saxes';

/**
 * For tests only: the W3C Feed Validation Service's rules that matter for feeds we write, ported so
 * that they run in-process. rules.test.ts holds this port to the validator's own test cases
 * (shared/fixtures/feeds/feedvalidator), and the feed tests then run our feeds through it.
 * Message names are the validator's; `RelativeUrl` and `InvalidJsonFeed` are ours.
 */

export interface XmlNode {
  /** `local` in the document's main namespace (RSS's none, Atom's in an Atom document), else `prefix:local`. */
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

export interface Problem {
  message: string;
  severity: 'error' | 'warning' | 'ours';
  /** Where, as the validator names it: `{parent:item,element:pubDate}`. */
  parent: string;
  element: string;
  detail?: string;
}

const PREFIXES: Record<string, string> = {
  'http://www.w3.org/2005/Atom': 'atom',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
};

/** Strict XML 1.0 with namespaces: the first well-formedness error throws. */
export function parseXml(source: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlNode = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  let mainUri: string | undefined;
  parser.on('opentag', (tag) => {
    mainUri ??= tag.uri ?? '';
    const uri = tag.uri ?? '';
    const name = uri === mainUri || uri === '' ? tag.local! : `${PREFIXES[uri] ?? uri}:${tag.local}`;
    const attrs = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]));
    const node: XmlNode = { name, attrs, children: [], text: '' };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => void (stack.at(-1)!.text += text));
  parser.on('cdata', (text) => void (stack.at(-1)!.text += text));
  parser.write(source).close();
  const [element] = root.children;
  if (!element) throw new Error('no root element');
  return element;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const STRICT_822 =
  /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? (UT|GMT|Z|EST|EDT|CST|CDT|MST|MDT|PST|PDT|[+-]\d{4})$/;
const LOOSE_822 =
  /^(?:([a-z]{3}) ?, )?(\d{1,2}) ([a-z]{3}) (\d{2}|\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([a-z]{1,3}|[+-]\d{4})$/i;

function calendarOk(weekday: string | undefined, day: string, month: string, year: string): boolean {
  let y = Number(year);
  if (year.length === 2) y += y < 50 ? 2000 : 1900;
  const m = MONTHS.indexOf(month.toLowerCase());
  const date = new Date(Date.UTC(y, m, Number(day)));
  if (m < 0 || date.getUTCMonth() !== m) return false;
  return weekday === undefined || DAYS[date.getUTCDay()] === weekday.toLowerCase();
}

function uncommented(text: string): string {
  let out = text;
  for (let previous = ''; previous !== out;) [previous, out] = [out, out.replace(/\([^()]*\)/g, '')];
  return out
    .replace(/,(?=\S)/, ', ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The validator's three verdicts on an RSS date: RFC 822 as RFC 2822 tightened it (four-digit year, a
 * named or numeric zone), "problematical" (parsable, but two-digit years, military zones, comments,
 * odd offsets), or invalid (not a date, or a day that does not exist or a weekday that is wrong).
 */
export function rfc822Verdict(text: string): 'valid' | 'problematical' | 'invalid' {
  const strict = STRICT_822.exec(text.trim());
  if (strict) {
    const [, weekday, day, month, year, , , , zone] = strict;
    if (!calendarOk(weekday, day!, month!, year!)) return 'invalid';
    return /^[+-]\d\d(?!00)/.test(zone!) ? 'problematical' : 'valid';
  }
  const loose = LOOSE_822.exec(uncommented(text));
  if (!loose) return 'invalid';
  const [, weekday, day, month, year] = loose;
  return calendarOk(weekday, day!, month!, year!) ? 'problematical' : 'invalid';
}

const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export function isRfc3339(text: string): boolean {
  const m = RFC_3339.exec(text);
  if (!m) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, zoneHour = 0, zoneMinute = 0] = m
    .slice(1)
    .map((v) => Number(v ?? 0));
  const date = new Date(Date.UTC(year, month - 1, day));
  const inRange = hour < 24 && minute < 60 && second <= 60 && zoneHour < 24 && zoneMinute < 60;
  return date.getUTCMonth() === month - 1 && inRange;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;
const HTML_URL = /\s(href|src|srcset|cite|poster)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi;

/** Relative URLs in HTML (as a reader will see it once the XML or JSON around it is decoded). */
export function relativeUrlsInHtml(html: string): string[] {
  const out: string[] = [];
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    for (const [, name, quoted] of tag.matchAll(HTML_URL)) {
      const value = quoted!.replace(/^["']|["']$/g, '').replace(/&amp;/g, '&');
      const urls =
        name!.toLowerCase() === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0]!) : [value];
      out.push(...urls.filter((url) => !ABSOLUTE.test(url.trim())));
    }
  }
  return out;
}

type Report = (
  message: string,
  severity: Problem['severity'],
  parent: string,
  element: string,
  detail?: string,
) => void;

function collector(): { problems: Problem[]; report: Report } {
  const problems: Problem[] = [];
  const report: Report = (message, severity, parent, element, detail) =>
    problems.push({ message, severity, parent, element, ...(detail === undefined ? {} : { detail }) });
  return { problems, report };
}

const kids = (node: XmlNode, name: string): XmlNode[] => node.children.filter((c) => c.name === name);

function singletons(node: XmlNode, names: string[], report: Report): void {
  for (const name of names) {
    if (kids(node, name).length > 1) report('DuplicateElement', 'error', node.name, name);
  }
}

function urlCheck(value: string | undefined, parent: string, element: string, report: Report): void {
  if (value !== undefined && !ABSOLUTE.test(value.trim()))
    report('RelativeUrl', 'ours', parent, element, value);
}

function htmlCheck(html: string, parent: string, element: string, report: Report): void {
  for (const url of relativeUrlsInHtml(html)) report('RelativeUrl', 'ours', parent, element, url);
}

const RSS_CHANNEL_ONCE = ['title', 'link', 'description', 'language', 'copyright', 'managingEditor',
  'webMaster', 'pubDate', 'lastBuildDate', 'generator', 'docs', 'cloud', 'ttl', 'image', 'textInput',
  'skipHours', 'skipDays']; // prettier-ignore
const RSS_ITEM_ONCE = ['title', 'link', 'description', 'author', 'comments', 'guid', 'pubDate', 'source'];
const MIME = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

function rssDate(parent: string, node: XmlNode, report: Report): void {
  const verdict = rfc822Verdict(node.text);
  if (verdict === 'invalid') report('InvalidRFC2822Date', 'error', parent, node.name, node.text);
  if (verdict === 'problematical') report('ProblematicalRFC822Date', 'warning', parent, node.name, node.text);
}

function rssItem(item: XmlNode, guids: Set<string>, report: Report): void {
  singletons(item, RSS_ITEM_ONCE, report);
  for (const date of kids(item, 'pubDate')) rssDate('item', date, report);
  for (const guid of kids(item, 'guid')) {
    const value = guid.text.trim();
    if (guids.has(value)) report('DuplicateValue', 'warning', 'item', 'guid', value);
    guids.add(value);
    const permalink = guid.attrs.isPermaLink;
    if (permalink !== undefined && permalink !== 'true' && permalink !== 'false') {
      report('InvalidBooleanAttribute', 'error', 'item', 'guid', 'isPermaLink');
    }
    if (permalink !== 'false' && !/^https?:\/\//i.test(value)) {
      report('InvalidPermalink', 'warning', 'item', 'guid', value);
    }
  }
  for (const enclosure of kids(item, 'enclosure')) {
    const { url, length, type } = enclosure.attrs;
    for (const [attr, value] of Object.entries({ url, length, type })) {
      if (value === undefined) report('MissingAttribute', 'error', 'item', 'enclosure', attr);
    }
    if (length !== undefined && !/^\d+$/.test(length)) {
      report('InvalidIntegerAttribute', 'error', 'item', 'enclosure', 'length');
    }
    if (type !== undefined && !MIME.test(type))
      report('InvalidMIMEAttribute', 'error', 'item', 'enclosure', 'type');
    urlCheck(url, 'item', 'enclosure', report);
  }
  const names = item.children.map((c) => c.name);
  const content = names.indexOf('content:encoded');
  if (content >= 0 && !names.slice(0, content).includes('description')) {
    report('NeedDescriptionBeforeContent', 'warning', 'item', 'content:encoded');
  }
  for (const link of kids(item, 'link')) urlCheck(link.text.trim(), 'item', 'link', report);
  for (const html of kids(item, 'content:encoded')) htmlCheck(html.text, 'item', 'content:encoded', report);
}

const RSS_REQUIRED = { title: 'MissingTitle', link: 'MissingLink', description: 'MissingDescription' };

export function checkRss(rss: XmlNode): Problem[] {
  const { problems, report } = collector();
  singletons(rss, ['channel'], report);
  const channel = kids(rss, 'channel')[0];
  if (!channel) return [{ message: 'MissingElement', severity: 'error', parent: 'rss', element: 'channel' }];
  singletons(channel, RSS_CHANNEL_ONCE, report);
  for (const [name, message] of Object.entries(RSS_REQUIRED)) {
    if (kids(channel, name).length === 0) report(message, 'error', 'channel', name);
  }
  for (const date of [...kids(channel, 'pubDate'), ...kids(channel, 'lastBuildDate')]) {
    rssDate('channel', date, report);
  }
  const self = kids(channel, 'atom:link').filter((l) => l.attrs.rel === 'self');
  if (self.length === 0) report('MissingAtomSelfLink', 'warning', 'channel', 'atom:link');
  for (const link of kids(channel, 'link')) urlCheck(link.text.trim(), 'channel', 'link', report);
  for (const link of kids(channel, 'atom:link')) urlCheck(link.attrs.href, 'channel', 'atom:link', report);
  const guids = new Set<string>();
  for (const item of kids(channel, 'item')) rssItem(item, guids, report);
  return problems;
}

const ATOM_FEED_ONCE = ['id', 'title', 'updated', 'subtitle', 'rights', 'generator', 'icon', 'logo'];
const ATOM_ENTRY_ONCE = ['id', 'title', 'updated', 'published', 'summary', 'content', 'rights', 'source'];

function atomPeople(node: XmlNode, report: Report): void {
  for (const person of [...kids(node, 'author'), ...kids(node, 'contributor')]) {
    singletons(person, ['name', 'uri', 'email'], report);
    if (kids(person, 'name').length === 0) report('MissingElement', 'error', person.name, 'name');
    for (const uri of kids(person, 'uri')) urlCheck(uri.text.trim(), person.name, 'uri', report);
  }
}

function atomCommon(node: XmlNode, report: Report): void {
  for (const name of ['id', 'title', 'updated']) {
    if (kids(node, name).length === 0) report('MissingElement', 'error', node.name, name);
  }
  for (const date of [...kids(node, 'updated'), ...kids(node, 'published')]) {
    if (!isRfc3339(date.text.trim())) report('InvalidRFC3339Date', 'error', node.name, date.name, date.text);
  }
  for (const id of kids(node, 'id')) {
    if (!ABSOLUTE.test(id.text.trim())) report('InvalidFullLink', 'error', node.name, 'id', id.text);
  }
  atomPeople(node, report);
  const alternates = new Set<string>();
  for (const link of kids(node, 'link')) {
    urlCheck(link.attrs.href, node.name, 'link', report);
    if ((link.attrs.rel ?? 'alternate') !== 'alternate') continue;
    const key = `${link.attrs.type ?? ''} ${link.attrs.hreflang ?? ''}`;
    if (alternates.has(key)) report('DuplicateAtomLink', 'warning', node.name, 'link');
    alternates.add(key);
  }
}

export function checkAtom(feed: XmlNode): Problem[] {
  const { problems, report } = collector();
  singletons(feed, ATOM_FEED_ONCE, report);
  atomCommon(feed, report);
  if (!kids(feed, 'link').some((l) => l.attrs.rel === 'self'))
    report('MissingSelf', 'warning', '#document', 'feed');
  const feedHasAuthor = kids(feed, 'author').length > 0;
  const ids = new Set<string>();
  for (const entry of kids(feed, 'entry')) {
    singletons(entry, ATOM_ENTRY_ONCE, report);
    atomCommon(entry, report);
    if (!feedHasAuthor && kids(entry, 'author').length === 0)
      report('MissingElement', 'error', 'entry', 'author');
    for (const id of kids(entry, 'id')) {
      if (ids.has(id.text.trim())) report('DuplicateEntries', 'warning', 'entry', 'id', id.text);
      ids.add(id.text.trim());
    }
    for (const content of kids(entry, 'content')) {
      if (content.attrs.type === 'html') htmlCheck(content.text, 'entry', 'content', report);
    }
  }
  return problems;
}

/** Parses (strictly) and checks an RSS 2.0 or Atom 1.0 document. */
export function checkXmlFeed(source: string): Problem[] {
  const root = parseXml(source);
  if (root.name === 'rss') return checkRss(root);
  if (root.name === 'feed') return checkAtom(root);
  return [{ message: 'UnknownFormat', severity: 'error', parent: '#document', element: root.name }];
}

/** JSON Feed 1.1's musts, plus absolute URLs and RFC 3339 dates throughout. */
export function checkJsonFeed(source: string): Problem[] {
  const problems: Problem[] = [];
  const bad = (element: string) =>
    problems.push({ message: 'InvalidJsonFeed', severity: 'error', parent: 'feed', element });
  const feed = JSON.parse(source) as Record<string, unknown>;
  if (feed.version !== 'https://jsonfeed.org/version/1.1') bad('version');
  if (typeof feed.title !== 'string' || feed.title === '') bad('title');
  for (const key of ['home_page_url', 'feed_url'] as const) {
    if (typeof feed[key] !== 'string' || !ABSOLUTE.test(feed[key])) bad(key);
  }
  const ids = new Set<string>();
  for (const [i, item] of ((feed.items ?? []) as Record<string, unknown>[]).entries()) {
    const where = `items[${i}]`;
    if (typeof item.id !== 'string' || item.id === '' || ids.has(item.id)) bad(`${where}.id`);
    ids.add(String(item.id));
    if (typeof item.url !== 'string' || !ABSOLUTE.test(item.url)) bad(`${where}.url`);
    if (typeof item.content_html !== 'string' && typeof item.content_text !== 'string')
      bad(`${where}.content`);
    for (const key of ['date_published', 'date_modified']) {
      if (item[key] !== undefined && !isRfc3339(String(item[key]))) bad(`${where}.${key}`);
    }
    if (typeof item.content_html === 'string' && relativeUrlsInHtml(item.content_html).length > 0) {
      problems.push({ message: 'RelativeUrl', severity: 'ours', parent: where, element: 'content_html' });
    }
  }
  return problems;
}
