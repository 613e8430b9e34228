import type { SaxesTagNS } from 'saxes';
import { toAuthor, toItem, toTerm } from './map.ts';
import { finishNode, isWordPressNamespace, newNode, vocabularyOf, type XNode } from './tree.ts';
import type { WxrEvent, WxrSite } from './types.ts';

/** A reason to refuse the file; the reader adds the parser's line and column. */
export class Refusal extends Error {}

/** Depths of the elements that matter: `<rss>` is 1, `<channel>` 2, its children 3. */
const CHANNEL = 2;
const CHANNEL_CHILD = 3;
const ITEM_CHILD = 4;

/** WXR 1.x; WordPress itself also refuses a version that is not digits.digits. */
const SUPPORTED_VERSION = /^1\.\d+$/;

/**
 * Turns the parser's element events into WXR events. It keeps one channel child at a time (one
 * item with its comments, one author, one term); finished events wait in `events` until the reader
 * hands them on.
 */
export class WxrBuilder {
  readonly events: WxrEvent[] = [];
  rootSeen = false;
  private depth = 0;
  private inChannel = false;
  private channelSeen = false;
  private siteSent = false;
  private wordPressSeen = false;
  private readonly site: WxrSite = {
    title: '',
    link: '',
    baseSiteUrl: '',
    baseBlogUrl: '',
    language: '',
    wxrVersion: '',
  };
  /** Taxonomy and slug of the terms sent, to send a repeated term once. */
  private readonly termsSent = new Set<string>();
  /** The open elements of the current channel child, outermost first. */
  private readonly open: XNode[] = [];

  /** Depth of the comment being left out (see `withoutComments`), or 0. */
  private skipping = 0;

  /** Items come without their comments: a pass that needs none need not build them. */
  private readonly withoutComments: boolean;

  constructor(withoutComments = false) {
    this.withoutComments = withoutComments;
  }

  onOpen(tag: SaxesTagNS): void {
    this.depth++;
    if (this.skipping > 0) return;
    if (
      !this.wordPressSeen &&
      (Object.values(tag.ns).some(isWordPressNamespace) || isWordPressNamespace(tag.uri))
    )
      this.wordPressSeen = true;
    if (this.depth === 1) return this.openRoot(tag);
    if (this.depth === CHANNEL) return this.openChannel(tag);
    if (!this.inChannel || this.depth < CHANNEL_CHILD) return;
    const vocabulary = vocabularyOf(tag.uri);
    if (this.withoutComments && this.depth === ITEM_CHILD && vocabulary === 'wp' && tag.local === 'comment') {
      this.skipping = this.depth;
      return;
    }
    const node = newNode(vocabulary, tag.local, attributesOf(tag));
    if (this.depth === CHANNEL_CHILD && isEntity(node)) this.sendSite();
    this.open.at(-1)?.children.push(node);
    this.open.push(node);
  }

  onText(text: string): void {
    if (this.skipping === 0) this.open.at(-1)?.parts.push(text);
  }

  onClose(): void {
    const depth = this.depth--;
    if (this.skipping > 0) {
      if (depth === this.skipping) this.skipping = 0;
      return;
    }
    if (depth === CHANNEL && this.inChannel) {
      this.inChannel = false;
      this.sendSite();
      return;
    }
    if (!this.inChannel || depth < CHANNEL_CHILD) return;
    const node = this.open.pop();
    if (!node) return;
    finishNode(node);
    if (depth === CHANNEL_CHILD) this.channelChild(node);
  }

  /** After the whole document: what a well-formed file can still lack. */
  finish(): void {
    if (!this.channelSeen) throw new Refusal('not a WordPress export: the <rss> element has no <channel>');
  }

  private openRoot(tag: SaxesTagNS): void {
    this.rootSeen = true;
    if (tag.local !== 'rss') {
      throw new Refusal(`not a WordPress export: the document is <${tag.name}>, not an RSS <rss> document`);
    }
    if (tag.uri !== '') throw new Refusal(`not a WordPress export: its <rss> is in the namespace ${tag.uri}`);
  }

  private openChannel(tag: SaxesTagNS): void {
    // A second channel would be a second site in one file; WordPress never writes one.
    if (tag.local !== 'channel' || tag.uri !== '' || this.channelSeen) return;
    this.channelSeen = true;
    this.inChannel = true;
  }

  private channelChild(node: XNode): void {
    if (node.vocabulary === 'rss' && node.local === 'item') {
      this.events.push({ kind: 'item', item: toItem(node) });
    } else if (node.vocabulary === 'wp' && node.local === 'author') {
      this.events.push({ kind: 'author', author: toAuthor(node) });
    } else if (isTerm(node)) {
      this.term(node);
    } else if (!this.siteSent) {
      this.headerField(node);
    }
  }

  private term(node: XNode): void {
    const term = toTerm(node);
    const key = `${term.taxonomy}\0${term.slug}`;
    if (term.slug !== '' && this.termsSent.has(key)) return;
    this.termsSent.add(key);
    this.events.push({ kind: 'term', term });
  }

  private headerField(node: XNode): void {
    const text = node.text.trim();
    if (node.vocabulary === 'rss') {
      if (node.local === 'title') this.site.title = node.text;
      else if (node.local === 'link') this.site.link = text;
      else if (node.local === 'language') this.site.language = text;
      return;
    }
    if (node.vocabulary !== 'wp') return;
    if (node.local === 'wxr_version') this.site.wxrVersion = checkedVersion(text);
    else if (node.local === 'base_site_url') this.site.baseSiteUrl = text;
    else if (node.local === 'base_blog_url') this.site.baseBlogUrl = text;
  }

  private sendSite(): void {
    if (this.siteSent) return;
    if (!this.wordPressSeen) {
      throw new Refusal(
        'not a WordPress export: nothing in it uses the WordPress export namespace (http://wordpress.org/export/1.x/); ' +
          'an RSS feed is not an export',
      );
    }
    this.siteSent = true;
    this.events.push({ kind: 'site', site: { ...this.site } });
  }
}

function checkedVersion(version: string): string {
  if (SUPPORTED_VERSION.test(version)) return version;
  throw new Refusal(`unsupported WXR version "${version}": this reader understands WXR 1.0, 1.1 and 1.2`);
}

function isTerm(node: XNode): boolean {
  return node.vocabulary === 'wp' && ['category', 'tag', 'term'].includes(node.local);
}

/** The channel children that are site content; the site header comes before them. */
function isEntity(node: XNode): boolean {
  if (node.vocabulary === 'rss') return node.local === 'item';
  return isTerm(node) || (node.vocabulary === 'wp' && node.local === 'author');
}

function attributesOf(tag: SaxesTagNS): Record<string, string> {
  const attributes: Record<string, string> = Object.create(null);
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.uri === '') attributes[attribute.local] = attribute.value;
  }
  return attributes;
}
