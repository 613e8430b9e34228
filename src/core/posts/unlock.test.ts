import { describe, expect, it } from 'vitest';
import { sameSecret } from './unlock.ts';

describe('sameSecret', () => {
  it.each([
    ['enter', 'enter', true],
    ['Enter', 'enter', false],
    ['ente', 'enter', false],
    ['enter ', 'enter', false],
    ['', '', true],
    ['', 'x', false],
    ['құпия сөз', 'құпия сөз', true],
    ['құпия сөз', 'купия сөз', false],
  ])('%j against %j is %s', (given, stored, same) => {
    expect(sameSecret(given, stored)).toBe(same);
  });
});
