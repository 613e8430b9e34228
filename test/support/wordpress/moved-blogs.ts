import {
  wxrAttachment,
  wxrAuthor,
  wxrCategory,
  wxrClose,
  wxrItem,
  wxrOpen,
  wxrTag,
  type TestItem,
} from '../../../tools/wxr-writer.ts';

/**
 * For tests: two real-shaped WordPress blogs that lived in a folder of their hosts, and every old
 * address of every item with where it must lead after both are imported into one site (permalinks
 * `/:slug/`). One has default permalinks (`/blog/?p=884`), the other pretty ones on another host
 * (`/notes/2019/05/03/slug/`); both hold items that claim one old address.
 */

const encoded = (text: string) => encodeURIComponent(text).toLowerCase();
const VYBORY = encoded('выборы');

export const DEFAULT_BLOG = 'http://example.net/blog';
export const PRETTY_BLOG = 'https://writer.example.org/notes';

const item = (fields: Partial<TestItem> & Pick<TestItem, 'id' | 'title'>): string =>
  wxrItem({ dateGmt: '2019-05-03 08:00:00', ...fields });

const attachment = (id: number, url: string, link: string, parent: number) =>
  wxrAttachment(id, url, '', '').replace(
    /<link>[^<]*<\/link>([\s\S]*)<wp:post_parent>0<\/wp:post_parent>/,
    `<link>${link}</link>$1<wp:post_parent>${parent}</wp:post_parent>`,
  );

/** A blog at http://example.net/blog with WordPress's default permalinks, its site at the host's root. */
export function defaultPermalinksExport(): string {
  const q = (query: string) => `${DEFAULT_BLOG}/?${query}`;
  return [
    wxrOpen({ title: 'Blog in a folder', url: DEFAULT_BLOG, siteUrl: 'http://example.net' }),
    wxrAuthor({ id: 2, login: 'aigerim', email: 'aigerim@example.net', name: 'Aigerim' }),
    wxrCategory(3, 'news', 'News'),
    wxrCategory(4, 'courts', 'Courts', 'news'),
    wxrTag(9, 'elections', 'Elections'),
    item({
      id: 884,
      title: 'Round table',
      slug: 'round-table',
      creator: 'aigerim',
      link: q('p=884'),
      guid: q('p=884'),
      categories: [['news', 'News']],
      tags: [['elections', 'Elections']],
      content: [
        '<a href="https://www.example.net/blog/?p=42">courts essay</a>',
        '<a href="http://example.net/blog/?page_id=2#team">about</a>',
        '<a href="/blog/?cat=3">news</a>',
        '<a href="https://example.net/blog/category/news/courts/">courts category</a>',
        '<a href="http://example.net/blog/">home</a>',
        '<a href="http://example.net/blog/?attachment_id=7">the photo’s page</a>',
        '<a href="http://example.net/blog/feed/">feed</a>',
        '<a href="https://other.example/blog/?p=42">elsewhere</a>',
      ].join('\n'),
    }),
    attachment(7, `${DEFAULT_BLOG}/wp-content/uploads/2019/05/photo.jpg`, q('attachment_id=7'), 884),
    attachment(8, `${DEFAULT_BLOG}/wp-content/uploads/2019/05/orphan.jpg`, q('attachment_id=8'), 0),
    item({
      id: 42,
      title: 'Courts essay',
      slug: 'courts-essay',
      creator: 'aigerim',
      dateGmt: '2019-06-01 08:00:00',
      link: q('p=42'),
      guid: q('p=42'),
      categories: [['courts', 'Courts']],
      comments: [
        {
          id: 1,
          date: '2019-06-02 08:00:00',
          content: 'See <a href="https://www.example.net/blog/?p=884#comment-1">the round table</a>.',
        },
      ],
    }),
    item({ id: 2, title: 'About', slug: 'about', type: 'page', link: q('page_id=2'), guid: q('page_id=2') }),
    item({ id: 30, title: 'Original', slug: 'original', link: q('p=30'), guid: q('p=30') }),
    // A copy made by a "duplicate post" plugin: its link and guid are the original's.
    item({ id: 31, title: 'Copy', slug: 'copy', link: q('p=30'), guid: q('p=30') }),
    wxrClose,
  ].join('');
}

/** A blog at https://writer.example.org/notes with dated pretty permalinks. */
export function prettyPermalinksExport(): string {
  const at = (path: string) => `${PRETTY_BLOG}${path}`;
  return [
    wxrOpen({ title: 'Notes', url: PRETTY_BLOG, siteUrl: 'https://writer.example.org' }),
    wxrAuthor({ id: 1, login: 'writer', email: 'writer@example.org', name: 'Writer' }),
    wxrCategory(6, 'essays', 'Essays'),
    item({
      id: 10,
      title: 'Выборы',
      slug: VYBORY,
      creator: 'writer',
      link: at(`/2019/05/03/${VYBORY}/`),
      guid: at('/?p=10'),
      categories: [['essays', 'Essays']],
      content: [
        '<a href="http://www.writer.example.org/2019/06/01/spring/">spring, without the folder</a>',
        '<a href="https://writer.example.org/notes/about-me/">about me</a>',
        '<a href="/notes/2019/06/01/spring/#comments">spring, relative</a>',
        '<a href="https://writer.example.org/notes/feed/atom/">atom</a>',
      ].join('\n'),
    }),
    attachment(13, at('/wp-content/uploads/2019/05/map.png'), at(`/2019/05/03/${VYBORY}/map/`), 10),
    item({
      id: 11,
      title: 'Spring',
      slug: 'spring',
      creator: 'writer',
      dateGmt: '2019-06-01 08:00:00',
      link: at('/2019/06/01/spring/'),
      guid: at('/?p=11'),
    }),
    item({ id: 12, title: 'About me', slug: 'about-me', type: 'page', link: at('/about-me/'), guid: at('/?page_id=12') }),
    item({ id: 42, title: 'Steppe notes', slug: 'steppe-notes', link: at('/2019/05/03/steppe-notes/'), guid: at('/?p=42') }),
    // Two posts whose links are the same: neither may have it.
    item({ id: 40, title: 'Twin one', slug: 'twin-one', dateGmt: '2019-06-02 08:00:00', link: at('/2019/06/02/twin/'), guid: at('/?p=40') }),
    item({ id: 41, title: 'Twin two', slug: 'twin-two', dateGmt: '2019-06-02 08:00:00', link: at('/2019/06/02/twin/'), guid: at('/?p=41') }),
    wxrClose,
  ].join('');
} // prettier-ignore

const VYBORY_HERE = `/${encodeURIComponent('выборы')}/`;
const upper = (path: string) => path.replace(/%[0-9a-f]{2}/g, (e) => e.toUpperCase());

/**
 * Every old address of every item, and where a reader asking for it must land: a path here, or
 * `media:` for a file in the media library, or 404 for an address two items claimed.
 */
export const OLD_ADDRESSES: [old: string, lands: string | 404][] = [
  // Default permalinks, in the folder /blog
  ['/blog/?p=884', '/round-table/'],
  ['/blog/index.php?p=884', '/round-table/'],
  ['/blog/?p=42', '/courts-essay/'],
  ['/blog/?page_id=2', '/about/'],
  ['/blog/?p=2', '/about/'],
  ['/blog/?attachment_id=7', '/round-table/'],
  ['/blog/?attachment_id=8', 'media:'],
  ['/blog/?cat=3', '/category/news/'],
  ['/blog/?cat=4', '/category/courts/'],
  ['/blog/category/news/', '/category/news/'],
  ['/blog/category/news/courts/', '/category/courts/'],
  ['/blog/?tag=elections', '/tag/elections/'],
  ['/blog/tag/elections/', '/tag/elections/'],
  ['/blog/?author=2', '/author/aigerim/'],
  ['/blog/author/aigerim/', '/author/aigerim/'],
  ['/blog/?m=201905', '/2019/05/'],
  ['/blog/?m=2019', '/2019/'],
  ['/blog/2019/05/', '/2019/05/'],
  ['/blog/2019/05/03/', '/2019/05/03/'],
  ['/blog/feed/', '/feed/'],
  ['/blog/feed/atom/', '/feed/atom/'],
  ['/blog/feed/rss2/', '/feed/'],
  ['/blog/?feed=rss2', '/feed/'],
  ['/blog/?feed=atom', '/feed/atom/'],
  ['/blog/comments/feed/', '/comments/feed/'],
  ['/blog/category/news/feed/', '/category/news/feed/'],
  ['/blog/?feed=rss2&p=884', '/round-table/feed/'],
  ['/blog/', '/'],
  ['/blog', '/'],
  ['/blog/page/2/', '/page/2/'],
  ['/blog/?p=30', '/original/'],
  ['/blog/?p=31', '/copy/'],
  // Pretty permalinks, in the folder /notes on another host
  [`/notes/2019/05/03/${VYBORY}/`, VYBORY_HERE],
  [upper(`/notes/2019/05/03/${VYBORY}/`), VYBORY_HERE],
  [`/2019/05/03/${VYBORY}/`, VYBORY_HERE],
  [upper(`/2019/05/03/${VYBORY}/`), VYBORY_HERE],
  [`/notes/2019/05/03/${VYBORY}`, VYBORY_HERE],
  ['/notes/?p=10', VYBORY_HERE],
  [`/notes/2019/05/03/${VYBORY}/feed/`, `${VYBORY_HERE}feed/`],
  [`/notes/2019/05/03/${VYBORY}/map/`, VYBORY_HERE],
  ['/notes/?attachment_id=13', VYBORY_HERE],
  ['/notes/2019/06/01/spring/', '/spring/'],
  ['/notes/index.php/2019/06/01/spring/', '/spring/'],
  ['/2019/06/01/spring/', '/spring/'],
  ['/notes/?p=11', '/spring/'],
  ['/notes/about-me/', '/about-me/'],
  ['/notes/?page_id=12', '/about-me/'],
  ['/notes/?p=42', '/steppe-notes/'],
  ['/notes/2019/05/03/steppe-notes/', '/steppe-notes/'],
  ['/notes/?cat=6', '/category/essays/'],
  ['/notes/category/essays/', '/category/essays/'],
  ['/notes/?author=1', '/author/writer/'],
  ['/notes/feed/', '/feed/'],
  ['/notes/', '/'],
  ['/notes/?p=40', '/twin-one/'],
  ['/notes/?p=41', '/twin-two/'],
  ['/notes/2019/06/02/twin/', 404],
  ['/2019/06/02/twin/', 404],
];
