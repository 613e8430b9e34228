import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, siteUrl } from './load.ts';

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
});
