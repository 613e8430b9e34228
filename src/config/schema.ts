import { z } from 'zod';
import { LOG_LEVELS } from '../core/ports/logger.ts';
import { LANGUAGES } from '../core/site/settings.ts';

/** The whole environment the program reads, in one place, with the defaults of DESIGN.md. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must be a postgres:// URL (or leave it unset for SQLite)')
    .optional(),
  SITE_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// (STARTTLS when offered) or smtps:// (TLS) URL')
    .optional(),
  /** The sender of the site's mail, `Name <address>`; by default noreply at the site's host. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Signals between instances over Redis pub/sub instead of PostgreSQL LISTEN/NOTIFY. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  SITE_LANGUAGE: z.enum(LANGUAGES).optional(),
  /** Behind a reverse proxy that sets X-Forwarded-For; off by default so the header cannot be forged. */
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false'])
    .default('false')
    .transform((v) => v === '1' || v === 'true'),
  /** The page cache for anonymous readers (docs/adr/0016): `off` renders every request (benchmarks, debugging). */
  PAGE_CACHE: z
    .enum(['on', 'off', '1', '0', 'true', 'false'])
    .default('on')
    .transform((v) => v === 'on' || v === '1' || v === 'true'),
  /** Memory the page cache may hold, in megabytes (every kept encoding counted); least recently used out. */
  PAGE_CACHE_MB: z.coerce.number().min(1).max(65536).default(64),
  /** How long a CDN or reverse proxy may keep a page (`s-maxage`, and as long `stale-while-revalidate`). */
  PAGE_CACHE_SHARED_SECONDS: z.coerce.number().int().min(0).max(86400).default(60),
  /** silent, error (unexpected errors, one line each), info (also start and stop), debug (also stacks). */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type Config = z.infer<typeof configSchema>;
