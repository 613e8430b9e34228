import { resolve } from 'node:path';
import { configSchema, type Config } from './schema.ts';

export class ConfigError extends Error {}

/** The only place that reads the environment. Fails with every problem listed at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return { ...parsed.data, DATA_DIR: resolve(parsed.data.DATA_DIR) };
}

export function siteUrl(config: Config): string {
  const fallback = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${config.PORT}`;
  return (config.SITE_URL ?? fallback).replace(/\/+$/, '');
}

/** The host mail is from and Message-IDs are made at: the site's. */
export function mailHost(config: Config): string {
  return new URL(siteUrl(config)).hostname.replace(/^\[|\]$/g, '');
}

/** MAIL_FROM, or `Samizdat <noreply@HOST>` with the host of the site's URL. */
export function mailFrom(config: Config): string {
  return config.MAIL_FROM ?? `Samizdat <noreply@${mailHost(config)}>`;
}
