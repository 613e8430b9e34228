/**
 * Expected failures travel as values, not exceptions, so every caller has to decide what a
 * failure means for its user; `http/errors.ts` maps them to status codes in one place.
 */
export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E> = Ok<T> | Err<E>;

export const ok = <T>(value: T): Ok<T> => ({ ok: true, value });
export const err = <E>(error: E): Err<E> => ({ ok: false, error });
