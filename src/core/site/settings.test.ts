import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, resolveSettings } from './settings.ts';

describe('resolveSettings', () => {
  it('is the defaults when nothing is stored', () => {
    expect(resolveSettings({})).toEqual(DEFAULT_SETTINGS);
  });

  it('takes stored values over the defaults', () => {
    const settings = resolveSettings({
      title: 'Новости',
      language: 'kk',
      blockedWords: ['casino'],
      feedFullText: false,
    });
    expect(settings).toMatchObject({
      title: 'Новости',
      language: 'kk',
      blockedWords: ['casino'],
      feedFullText: false,
    });
  });

  it('ignores unknown keys and values of the wrong type', () => {
    const settings = resolveSettings({
      title: 7,
      postsPerPage: '20',
      language: 'de',
      colour: 'red',
      blockedWords: 'x',
    });
    expect(settings).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps what the writer typed unless the typography setting says smart', () => {
    expect(DEFAULT_SETTINGS.typography).toBe('as-typed');
    expect(resolveSettings({ typography: 'smart' }).typography).toBe('smart');
    expect(resolveSettings({ typography: 'fancy' }).typography).toBe('as-typed');
  });

  it('keeps thread depth a whole number from 1 to 10', () => {
    expect(resolveSettings({ threadDepth: 25 }).threadDepth).toBe(10);
    expect(resolveSettings({ threadDepth: 0 }).threadDepth).toBe(1);
    expect(resolveSettings({ threadDepth: 3.7 }).threadDepth).toBe(3);
  });
});
