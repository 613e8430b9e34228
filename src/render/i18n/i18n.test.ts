import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../core/site/settings.ts';
import { en } from './en.ts';
import { catalogs, translator } from './index.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

describe('catalogs', () => {
  const keys = Object.keys(en).sort();

  for (const language of LANGUAGES) {
    const catalog = catalogs[language] as Record<string, unknown>;

    it(`${language} has exactly the English keys`, () => {
      expect(Object.keys(catalog).sort()).toEqual(keys);
    });

    it(`${language} has every plural form Intl.PluralRules asks for, and no empty message`, () => {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const key of keys) {
        const value = catalog[key];
        const english = en[key as keyof typeof en];
        if (typeof english === 'string') {
          expect(typeof value, key).toBe('string');
          expect((value as string).trim(), key).not.toBe('');
          expect(placeholders(value as string), key).toEqual(placeholders(english));
        } else {
          const forms = value as Record<string, string>;
          expect(Object.keys(forms).sort(), key).toEqual([...categories].sort());
          const allowed = new Set([...Object.values(english).flatMap(placeholders), 'n']);
          for (const form of Object.values(forms)) {
            expect(form.trim(), key).not.toBe('');
            for (const name of placeholders(form)) expect(allowed.has(name), `${key}: {${name}}`).toBe(true);
          }
        }
      }
    });
  }
});

describe('translator', () => {
  it('fills placeholders and formats numbers for the language', () => {
    expect(translator('en').t('comments.replyHeading', { name: 'Ann' })).toBe('Reply to Ann');
    expect(translator('en').t('list.pageOf', { page: 2, total: 1200 })).toBe('Page 2 of 1,200');
    expect(translator('ru').t('list.pageOf', { page: 2, total: 1200 })).toBe('Страница 2 из 1\u00a0200');
    expect(translator('kk').t('list.pageOf', { page: 2, total: 5 })).toBe('5 беттің 2-беті');
  });

  it('chooses Russian plural forms: one, few, many', () => {
    const { plural } = translator('ru');
    expect(plural('comments.count', 1)).toBe('1 комментарий');
    expect(plural('comments.count', 2)).toBe('2 комментария');
    expect(plural('comments.count', 5)).toBe('5 комментариев');
    expect(plural('comments.count', 11)).toBe('11 комментариев');
    expect(plural('comments.count', 21)).toBe('21 комментарий');
    expect(plural('comments.count', 22)).toBe('22 комментария');
    expect(plural('error.form.rateLimited', 21)).toContain('через 21 секунду');
    expect(plural('error.form.rateLimited', 3)).toContain('через 3 секунды');
    expect(plural('error.form.rateLimited', 30)).toContain('через 30 секунд');
  });

  it('chooses English and Kazakh plural forms', () => {
    expect(translator('en').plural('comments.count', 1)).toBe('One Comment');
    expect(translator('en').plural('comments.count', 3)).toBe('3 Comments');
    expect(translator('en').plural('error.form.rateLimited', 1)).toContain('in 1 second.');
    expect(translator('kk').plural('comments.count', 1)).toBe('1 пікір');
    expect(translator('kk').plural('comments.count', 7)).toBe('7 пікір');
  });

  it('formats dates in the site timezone', () => {
    const lateEvening = new Date('2024-03-03T22:30:00Z');
    expect(translator('en', 'UTC').date(lateEvening)).toBe('March 3, 2024');
    expect(translator('en', 'Asia/Almaty').date(lateEvening)).toBe('March 4, 2024');
    expect(translator('ru', 'Europe/Moscow').date(lateEvening)).toBe('4 марта 2024 г.');
    expect(translator('ru', 'Europe/Moscow').dateTime(lateEvening)).toBe('4 марта 2024 г. в 01:30');
    expect(translator('kk', 'Asia/Almaty').date(lateEvening)).toMatch(/2024.*4 наурыз/);
  });

  it('names archive periods without shifting them into the previous month', () => {
    const march = new Date(Date.UTC(2024, 2, 1));
    expect(translator('en', 'America/New_York').date(march, 'month')).toBe('March 2024');
    expect(translator('ru', 'America/New_York').date(march, 'month')).toBe('Март 2024 г.');
    expect(translator('en', 'America/New_York').date(march, 'day')).toBe('March 1, 2024');
    expect(translator('kk').date(march, 'year')).toBe('2024');
  });

  it('falls back to UTC for a timezone Intl does not know', () => {
    expect(translator('en', 'Mars/Olympus').timeZone).toBe('UTC');
  });
});
