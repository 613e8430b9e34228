import type { en } from './en.ts';

type Shape = typeof en;

/** Keys of plain messages: `t(key)`. */
export type MessageKey = { [K in keyof Shape]: Shape[K] extends string ? K : never }[keyof Shape];

/** Keys of messages with plural forms: `plural(key, n)`. */
export type PluralKey = Exclude<keyof Shape, MessageKey>;

/**
 * A complete catalog for a language whose plural categories are `R` (Intl.PluralRules): every key of
 * the English catalog, and every plural entry with exactly the forms that language needs.
 */
export type Catalog<R extends Intl.LDMLPluralRule> = {
  readonly [K in keyof Shape]: Shape[K] extends string ? string : Readonly<Record<R, string>>;
};

export type Params = Record<string, string | number>;
