/**
 * Deterministic generated prose for the benchmark's site: long-form essays and comments in English and
 * Russian, with the Markdown a writer uses (headings, quotes, lists, links, emphasis). The same seed gives
 * the same site on every run, so figures from different runs describe the same pages.
 */

export type Language = 'en' | 'ru';

/** mulberry32: small, fast, good enough to pick words. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
export const between = (rng: Rng, low: number, high: number): number =>
  low + Math.floor(rng() * (high - low + 1));

const WORDS: Record<Language, readonly string[]> = {
  en: (
    'the a of and to in that for on with as by from at this which their government court law ' +
    'election parliament minister opposition journalist newspaper reader protest rights freedom ' +
    'speech censorship internet shutdown region border village city capital people citizens ' +
    'committee report evidence witness lawyer trial sentence prison release amendment constitution ' +
    'budget corruption investigation official statement spokesman document archive history memory ' +
    'generation families workers teachers doctors students market price inflation salary pension ' +
    'energy gas water winter summer road railway factory mine harvest village council mayor governor ' +
    'decree regulation license platform telegram channel broadcast audience language school university ' +
    'was were is are has had have been would could should might will not only also still already ' +
    'quietly openly slowly suddenly publicly privately carefully rarely often never again later ' +
    'new old local national foreign independent official unofficial quiet loud long short recent ' +
    'difficult familiar uncertain careful honest brave tired angry patient stubborn ordinary'
  ).split(' '),
  ru: (
    'и в не на что с по как к из за от у о для это его их все она они мы было были будет ' +
    'власть суд закон выборы парламент министр оппозиция журналист газета читатель протест права ' +
    'свобода слово цензура интернет отключение регион граница деревня город столица люди граждане ' +
    'комитет доклад доказательства свидетель адвокат процесс приговор тюрьма поправка конституция ' +
    'бюджет коррупция расследование заявление документ архив история память поколение семьи ' +
    'рабочие учителя врачи студенты рынок цены инфляция зарплата пенсия энергия газ вода зима лето ' +
    'дорога завод шахта урожай совет губернатор указ правила лицензия платформа канал эфир аудитория ' +
    'язык школа университет тихо открыто медленно внезапно публично осторожно редко часто снова ' +
    'позже новый старый местный национальный независимый официальный долгий короткий недавний ' +
    'трудный знакомый неясный честный смелый усталый терпеливый упрямый обычный говорит пишет ' +
    'помнит ждёт спорит молчит объясняет требует обещает отвечает уезжает возвращается'
  ).split(' '),
};

const HEADINGS: Record<Language, readonly string[]> = {
  en: [
    'What the documents show',
    'The court and the street',
    'How the region voted',
    'Money, and where it went',
    'What the law now says',
    'Voices from the border',
    'A generation that remembers',
    'What comes next',
    'The numbers behind the claim',
    'Who was not asked',
  ],
  ru: [
    'Что показывают документы',
    'Суд и улица',
    'Как голосовал регион',
    'Деньги и куда они ушли',
    'Что теперь говорит закон',
    'Голоса с границы',
    'Поколение, которое помнит',
    'Что дальше',
    'Цифры за заявлением',
    'Кого не спросили',
  ],
};

const capitalize = (word: string): string => word.charAt(0).toLocaleUpperCase() + word.slice(1);

export function sentence(rng: Rng, language: Language, words = between(rng, 8, 24)): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    let word = pick(rng, WORDS[language]);
    const roll = rng();
    if (roll < 0.02) word = `*${word}*`;
    else if (roll < 0.03) word = `**${word}**`;
    if (i > 2 && i < words - 2 && rng() < 0.08) word += ',';
    out.push(word);
  }
  out[0] = capitalize(out[0]!);
  return `${out.join(' ')}${pick(rng, ['.', '.', '.', '.', '?', '!'])}`;
}

export function paragraph(rng: Rng, language: Language, sentences = between(rng, 3, 7)): string {
  return Array.from({ length: sentences }, () => sentence(rng, language)).join(' ');
}

const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** A long-form essay of about `targetWords` words, in sections, linking to the writer's earlier posts. */
export function essay(
  rng: Rng,
  language: Language,
  targetWords: number,
  earlierSlugs: readonly string[],
): string {
  const blocks: string[] = [];
  let words = 0;
  let sinceHeading = 0;
  while (words < targetWords && blocks.length < 2000) {
    let block: string;
    const roll = rng();
    if (sinceHeading >= between(rng, 4, 8)) {
      block = `## ${pick(rng, HEADINGS[language])}`;
      sinceHeading = 0;
    } else if (roll < 0.07) {
      block = `> ${paragraph(rng, language, between(rng, 1, 3))}`;
    } else if (roll < 0.12) {
      block = Array.from(
        { length: between(rng, 3, 6) },
        () => `- ${sentence(rng, language, between(rng, 5, 12))}`,
      ).join('\n');
    } else if (roll < 0.2 && earlierSlugs.length > 0) {
      const slug = pick(rng, earlierSlugs);
      const text = paragraph(rng, language, between(rng, 2, 5));
      const link = language === 'ru' ? 'как я писал раньше' : 'as I wrote earlier';
      block = `${text} ([${link}](/${slug}/))`;
    } else {
      block = paragraph(rng, language);
    }
    blocks.push(block);
    words += countWords(block);
    sinceHeading++;
  }
  return blocks.join('\n\n');
}

/** A reader's comment: one short remark or a few paragraphs, sometimes quoting, sometimes with a link. */
export function commentText(rng: Rng, language: Language): string {
  const paragraphs = rng() < 0.6 ? 1 : between(rng, 2, 4);
  const parts = Array.from({ length: paragraphs }, () => paragraph(rng, language, between(rng, 1, 5)));
  if (rng() < 0.15) parts.unshift(`> ${sentence(rng, language)}`);
  if (rng() < 0.1) parts.push(`https://example.org/${language}/${between(rng, 1000, 9999)}`);
  return parts.join('\n\n');
}

export function title(rng: Rng, language: Language): string {
  return sentence(rng, language, between(rng, 4, 9))
    .replace(/[*,]/g, '')
    .replace(/[.?!]$/, '');
}
