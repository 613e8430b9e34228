import type { Language } from '../../core/site/settings.ts';
import { en } from './en.ts';
import { kk } from './kk.ts';
import { ru } from './ru.ts';
import type { Catalog, MessageKey, Params, PluralKey } from './types.ts';

export type { Catalog, MessageKey, Params, PluralKey } from './types.ts';

/** English is checked against the same rule as the others: one and other, nothing missing. */
const english: Catalog<'one' | 'other'> = en;

type LooseCatalog = {
  readonly [K in keyof typeof en]: string | Readonly<Partial<Record<Intl.LDMLPluralRule, string>>>;
};

export const catalogs: Readonly<Record<Language, LooseCatalog>> = { en: english, ru, kk };

/**
 * `long`, `medium`, `short`: a moment, shown in the site's timezone. `day`, `month`, `year`: the
 * calendar period an archive URL names (`/2024/03/` → "March 2024", "Март 2024 г."), given as its first
 * instant in UTC the way the archive routes build it; formatted in UTC so a timezone never shifts it
 * into the previous month, and capitalised to stand as a heading.
 */
export type DateStyle = 'long' | 'medium' | 'short' | 'day' | 'month' | 'year';

const CALENDAR: Partial<Record<DateStyle, Intl.DateTimeFormatOptions>> = {
  day: { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' },
  month: { timeZone: 'UTC', year: 'numeric', month: 'long' },
  year: { timeZone: 'UTC', year: 'numeric' },
};

export interface Translator {
  readonly language: Language;
  readonly timeZone: string;
  t(key: MessageKey, params?: Params): string;
  /** The plural form for `n` (Intl.PluralRules); `{n}` is `n` formatted for the language. */
  plural(key: PluralKey, n: number, params?: Params): string;
  /** By default a day in the site's timezone, e.g. "March 3, 2024", "3 марта 2024 г."; see DateStyle. */
  date(d: Date, style?: DateStyle): string;
  /** A day and time in the site's timezone, for comments. */
  dateTime(d: Date): string;
  number(n: number): string;
}

function validTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function capitalise(text: string, language: Language): string {
  return text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
}

function build(language: Language, timeZone: string): Translator {
  const catalog = catalogs[language];
  const rules = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  const dates = new Map<DateStyle, Intl.DateTimeFormat>();
  const dateTimes = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short', timeZone });

  const fill = (template: string, params: Params | undefined): string =>
    params === undefined
      ? template
      : template.replace(/\{(\w+)\}/g, (whole, name: string) => {
          const value = params[name];
          if (value === undefined) return whole;
          return typeof value === 'number' ? numbers.format(value) : value;
        });

  const dateFormat = (style: DateStyle): Intl.DateTimeFormat => {
    let format = dates.get(style);
    if (!format) {
      const calendar = CALENDAR[style];
      format = new Intl.DateTimeFormat(language, calendar ?? { dateStyle: style as 'long', timeZone });
      dates.set(style, format);
    }
    return format;
  };

  return {
    language,
    timeZone,
    t: (key, params) => fill(catalog[key] as string, params),
    plural: (key, n, params) => {
      const forms = catalog[key] as Partial<Record<Intl.LDMLPluralRule, string>>;
      const form = forms[rules.select(n)] ?? forms.other ?? '';
      return fill(form, { ...params, n });
    },
    date: (d, style = 'long') => {
      const text = dateFormat(style).format(d);
      return CALENDAR[style] ? capitalise(text, language) : text;
    },
    dateTime: (d) => dateTimes.format(d),
    number: (n) => numbers.format(n),
  };
}

// Intl formatters are costly to construct and a site has one language and one timezone: keep them.
const cache = new Map<string, Translator>();

/** The reader-facing words and formats for a language; `timeZone` is the site's (settings.timezone). */
export function translator(language: Language, timeZone = 'UTC'): Translator {
  const key = `${language}\u0000${timeZone}`;
  let found = cache.get(key);
  if (!found) {
    found = build(catalogs[language] ? language : 'en', validTimeZone(timeZone));
    cache.set(key, found);
  }
  return found;
}
