/**
 * The large WordPress export the import and export benchmarks share: Russian text, five authors,
 * 20 categories, 200 tags, links between posts, and threads 12 deep. Written piece by piece from a
 * fixed seed, so every run measures the same file and the generator holds one post at a time.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import {
  wxrAuthor,
  wxrCategory,
  wxrClose,
  wxrItem,
  wxrOpen,
  wxrTag,
  type TestComment,
} from '../tools/wxr-writer.ts';
import { between, paragraph, pick, random, sentence, title, type Rng } from './text.ts';

export const SITE = 'https://blog.example.ru';

/** A whole-number setting of a corpus benchmark from the environment, checked against its range. */
export function wholeSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number between ${min} and ${max}`);
  return value;
}
/** The first comments of every post answer each other: a thread this deep. */
const THREAD_DEPTH = 12;

const stamp = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function comments(rng: Rng, postId: number, count: number, start: number): TestComment[] {
  const out: TestComment[] = [];
  for (let k = 0; k < count; k++) {
    const id = postId * 1000 + k;
    // A chain first (each answers the one before), then replies to any earlier comment or none.
    const parent =
      k === 0 ? 0 : k < THREAD_DEPTH ? id - 1 : rng() < 0.6 ? postId * 1000 + between(rng, 0, k - 1) : 0;
    const roll = rng();
    out.push({
      id,
      parent,
      author: `${pick(rng, ['Анна', 'Борис', 'Дана', 'Ерлан', 'Мария', 'Олег'])} ${between(rng, 1, 999)}`,
      email: `reader${between(rng, 1, 50_000)}@example.ru`,
      ip: `10.${between(rng, 0, 255)}.${between(rng, 0, 255)}.${between(rng, 1, 254)}`,
      date: stamp(start + (k + 1) * 3_600_000),
      content: Array.from({ length: between(rng, 1, 3) }, () =>
        sentence(rng, 'ru', between(rng, 6, 16)),
      ).join(rng() < 0.3 ? '\n\n' : ' '),
      approved: roll < 0.9 ? '1' : roll < 0.96 ? '0' : 'spam',
    });
  }
  return out;
}

/** The export, written piece by piece: the generator holds one post at a time, like the importer. */
export async function generate(file: string, posts: number, perPost: number): Promise<void> {
  const rng = random(20_261_128);
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(wxrOpen({ title: 'Степной вестник', url: SITE }));
  for (let a = 1; a <= 5; a++)
    await write(
      wxrAuthor({ id: a, login: `author${a}`, email: `author${a}@example.ru`, name: `Автор ${a}` }),
    );
  for (let c = 1; c <= 20; c++)
    await write(wxrCategory(c, `rubrika-${c}`, `Рубрика ${c}`, c > 5 ? `rubrika-${c % 5 || 5}` : ''));
  for (let t = 1; t <= 200; t++) await write(wxrTag(100 + t, `tema-${t}`, `Тема ${t}`));
  const start = Date.UTC(2012, 0, 1);
  for (let id = 1; id <= posts; id++) {
    const when = start + id * 4 * 3_600_000;
    const date = new Date(when);
    const slug = `zapis-${id}`;
    const path = `/${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}/${slug}/`;
    const earlier = id > 1 ? `<a href="${SITE}/?p=${between(rng, 1, id - 1)}">раньше</a>` : '';
    await write(
      wxrItem({
        id,
        title: title(rng, 'ru'),
        slug,
        link: `${SITE}${path}`,
        guid: `${SITE}/?p=${id}`,
        creator: `author${1 + (id % 5)}`,
        dateGmt: stamp(when),
        content: `${paragraph(rng, 'ru')} ${earlier}\n\n${paragraph(rng, 'ru')}\n\n<!-- wp:quote --><blockquote>${paragraph(rng, 'ru', 1)}</blockquote><!-- /wp:quote -->`,
        excerpt: paragraph(rng, 'ru', 1),
        categories: [[`rubrika-${1 + (id % 20)}`, `Рубрика ${1 + (id % 20)}`]],
        tags: [
          [`tema-${1 + (id % 200)}`, `Тема ${1 + (id % 200)}`],
          [`tema-${1 + ((id * 7) % 200)}`, `Тема ${1 + ((id * 7) % 200)}`],
        ],
        comments: comments(rng, id, perPost, when),
      }),
    );
  }
  await write(wxrClose);
  out.end();
  await once(out, 'finish');
}
