import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, mailFrom, siteUrl } from './load.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(8080);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.DATA_DIR).toMatch(/\/data$/);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(siteUrl(config)).toBe('http://127.0.0.1:8080');
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', SITE_LANGUAGE: 'de', DATABASE_URL: 'mysql://x' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', SITE_LANGUAGE: 'de' });
    } catch (e) {
      expect(String(e)).toMatch(/PORT/);
      expect(String(e)).toMatch(/SITE_LANGUAGE/);
    }
  });

  it('drops a trailing slash from SITE_URL', () => {
    expect(siteUrl(loadConfig({ SITE_URL: 'https://blog.example/' }))).toBe('https://blog.example');
  });

  it('sends mail from noreply at the site host unless MAIL_FROM says otherwise', () => {
    expect(mailFrom(loadConfig({ SITE_URL: 'https://blog.example.kz/sub/' }))).toBe(
      'Samizdat <noreply@blog.example.kz>',
    );
    expect(mailFrom(loadConfig({ MAIL_FROM: 'Dana <dana@example.kz>' }))).toBe('Dana <dana@example.kz>');
  });

  it('refuses an SMTP or Redis URL of another scheme', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    expect(
      loadConfig({ SMTP_URL: 'smtps://u:p@mail.example:465', REDIS_URL: 'redis://127.0.0.1:6379' }),
    ).toMatchObject({ SMTP_URL: 'smtps://u:p@mail.example:465' });
  });
});
