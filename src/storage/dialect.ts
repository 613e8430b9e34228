import { type Kysely, SqliteIntrospector } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * The few places where SQLite and PostgreSQL disagree about values. SQLite stores timestamps as
 * integer milliseconds (exact for a JavaScript Date, sorts numerically, no text-format pitfalls such
 * as years past 9999) and booleans as 0/1, since better-sqlite3 binds neither Date nor boolean.
 */
export interface SqlDialect {
  readonly name: DialectName;
  date(value: Date): Date | number;
  bool(value: boolean): boolean | number;
}

const sqlite: SqlDialect = {
  name: 'sqlite',
  date: (value) => value.getTime(),
  bool: (value) => (value ? 1 : 0),
};

const postgres: SqlDialect = {
  name: 'postgres',
  date: (value) => value,
  bool: (value) => value,
};

export function sqlDialect(name: DialectName): SqlDialect {
  return name === 'sqlite' ? sqlite : postgres;
}

/** Which database a Kysely instance talks to, through public API only (the introspector's class). */
export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.introspection instanceof SqliteIntrospector ? 'sqlite' : 'postgres';
}

export function readDate(value: Date | number): Date {
  return new Date(value instanceof Date ? value.getTime() : value);
}

export function readBool(value: boolean | number): boolean {
  return value === true || value === 1;
}

/** PostgreSQL returns count(*) as a bigint string; SQLite as a number. */
export function readCount(value: string | number | bigint | undefined): number {
  return value === undefined ? 0 : Number(value);
}
