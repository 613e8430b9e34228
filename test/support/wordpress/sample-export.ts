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
 * For tests: a small export that holds one of each thing the importer must handle — every status,
 * a draft without a GMT date, a page and a post wanting one slug, percent-encoded Cyrillic slugs, a
 * category listed before its parent, a thread three deep, every comment status and kind, a featured
 * image, links between posts and to uploads.
 */

export const SITE = 'https://blog.example.kz';
export const IP = '203.0.113.5';

const encoded = (text: string) => encodeURIComponent(text).toLowerCase();

export const VYBORY_PATH = `/2019/05/03/${encoded('выборы')}/`;

function comments(): TestItem['comments'] {
  return [
    { id: 100, author: 'Айгерим', email: 'aigerim@example.kz', ip: IP, date: '2019-05-03 10:00:00', content: 'Первый.\n\nВторой абзац.' },
    { id: 101, parent: 100, author: 'Bob', date: '2019-05-03 11:00:00', content: 'A <b>reply</b> <script>alert(1)</script>' },
    { id: 102, parent: 101, author: 'مريم', date: '2019-05-03 12:00:00', content: 'ردّ على الرد' },
    { id: 103, author: 'Held', date: '2019-05-03 13:00:00', content: 'Waiting', approved: '0' },
    { id: 104, author: 'Spammer', date: '2019-05-03 14:00:00', content: 'Buy', approved: 'spam' },
    { id: 105, author: 'Other blog', url: 'https://other.example/', date: '2019-05-03 15:00:00', content: '[…] linked […]', type: 'pingback' },
    { id: 106, author: 'Trashed', date: '2019-05-03 16:00:00', content: 'Gone', approved: 'trash' },
    { id: 107, author: 'Fan', date: '2019-05-03 17:00:00', content: '', type: 'like' },
  ];
} // prettier-ignore

const post = (item: Partial<TestItem> & Pick<TestItem, 'id' | 'title'>): string =>
  wxrItem({ dateGmt: '2019-06-01 08:00:00', creator: 'dana', link: `${SITE}/?p=${item.id}`, ...item });

export function sampleItems(extraComments: TestItem['comments'] = []): string[] {
  return [
    post({
      id: 10,
      title: 'Выборы в степи',
      slug: encoded('выборы'),
      dateGmt: '2019-05-03 06:00:00',
      link: `${SITE}${VYBORY_PATH}`,
      content: `Text with <a href="${SITE}/about/">about</a> and <a href="/?p=12">the other about</a>.\n\n<img src="${SITE}/wp-content/uploads/2019/05/square-300x200.jpg" alt="sq">`,
      excerpt: 'Что показал &laquo;подсчёт&raquo;',
      categories: [
        ['central-asia', 'Central Asia'],
        [encoded('политика'), 'Политика'],
      ],
      tags: [['elections', 'Elections']],
      sticky: true,
      meta: {
        _thumbnail_id: '30',
        // What our own export adds: the credit, and an address from before an earlier move.
        _samizdat_image_credit: 'Фото: А. Репортёр',
        _samizdat_aliases: `/first-home/vybory/\n/?p=5\nhttps://elsewhere.example/x/`,
      },
      comments: [...(comments() ?? []), ...(extraComments ?? [])],
    }),
    post({ id: 11, title: 'About', type: 'page', slug: 'about', link: `${SITE}/about/` }),
    post({ id: 12, title: 'About this blog', slug: 'about', link: `${SITE}/2019/06/01/about/` }),
    post({
      id: 13,
      title: 'Черновик',
      status: 'draft',
      dateGmt: '0000-00-00 00:00:00',
      date: '2020-01-02 10:00:00',
    }),
    post({ id: 14, title: 'Pending', slug: 'pending', status: 'pending' }),
    post({ id: 15, title: 'Later', slug: 'later', status: 'future', dateGmt: '2031-01-01 00:00:00' }),
    post({ id: 16, title: 'Private', slug: 'private-one', status: 'private' }),
    post({ id: 17, title: 'Protected', slug: 'protected', password: 'enter' }),
    post({ id: 18, title: 'Binned', slug: 'binned', status: 'trash' }),
    post({ id: 19, title: 'Menu', slug: 'menu', type: 'nav_menu_item' }),
    post({ id: 20, title: 'Markup: Title <em>With</em> <b>Markup</b>', slug: 'markup', creator: 'Ерлан' }),
    wxrAttachment(
      30,
      `${SITE}/wp-content/uploads/2019/05/square.jpg`,
      'Площадь в полдень',
      'Люди на площади',
    ),
    wxrAttachment(31, `${SITE}/wp-content/uploads/2019/05/missing.jpg`, '', ''),
  ];
}

/** The sample export as one string; `extraComments` go under the first post (a later export). */
export function sampleExport(extraComments: TestItem['comments'] = []): string {
  return [
    wxrOpen({ title: 'Степной блог', url: SITE }),
    wxrAuthor({ id: 1, login: 'dana', email: 'dana@example.kz', name: 'Дана' }),
    wxrAuthor({ id: 2, login: 'Ерлан', email: '', name: 'Ерлан Б.' }),
    // The child comes first: WXR lists terms in id order, not parents first.
    wxrCategory(5, 'central-asia', 'Central Asia', 'world'),
    wxrCategory(4, 'world', 'World &amp; Region'),
    wxrCategory(6, encoded('политика'), 'Политика'),
    wxrTag(7, 'elections', 'Elections'),
    ...sampleItems(extraComments),
    wxrClose,
  ].join('');
}
