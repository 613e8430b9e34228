import { describe, expect, it } from 'vitest';
import { cleanFreeText, MAX_ID, parseDateArchive, parseId, parseSegment } from './input.ts';

describe('parseId', () => {
  it('takes canonical positive integers within the database range', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId('42')).toBe(42);
    expect(parseId(String(MAX_ID))).toBe(MAX_ID);
  });

  it.each([
    undefined,
    null,
    '',
    '0',
    '-1',
    '+1',
    '01',
    '00001',
    '1.0',
    '1e3',
    ' 1',
    '2147483648',
    '99999999999',
    '0x10',
    '١٢',
  ])('refuses %j', (text) => {
    expect(parseId(text)).toBeUndefined();
  });
});

describe('parseSegment', () => {
  it('keeps slugs in any script', () => {
    expect(parseSegment('выборы-в-степи')).toBe('выборы-в-степи');
    expect(parseSegment('hello')).toBe('hello');
  });

  it.each(['', 'a\u0000b', 'x\u0007', 'a\u0085b', '\ud800', 'a'.repeat(401)])('refuses %j', (text) => {
    expect(parseSegment(text)).toBeUndefined();
  });
});

describe('cleanFreeText', () => {
  it('removes NUL and mends lone surrogates, keeping the rest', () => {
    expect(cleanFreeText('a\u0000b\ud800c')).toBe('ab\ufffdc');
    expect(cleanFreeText('Привет, мир')).toBe('Привет, мир');
  });

  it('cuts at the given length', () => {
    expect(cleanFreeText('abcdef', 3)).toBe('abc');
  });
});

describe('parseDateArchive', () => {
  it('gives the span of a year, a month and a day', () => {
    expect(parseDateArchive('2026')).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2027-01-01T00:00:00Z'),
      precision: 'year',
    });
    expect(parseDateArchive('2026', '12')?.until).toEqual(new Date('2027-01-01T00:00:00Z'));
    expect(parseDateArchive('2024', '02', '29')?.until).toEqual(new Date('2024-03-01T00:00:00Z'));
    expect(parseDateArchive('0042')?.from.getUTCFullYear()).toBe(42);
  });

  it.each([
    ['2026', '00'],
    ['2026', '13'],
    ['2026', '1'],
    ['2026', '00', '00'],
    ['2026', '02', '30'],
    ['2025', '02', '29'],
    ['2026', '01', '32'],
    ['0000'],
    ['20260'],
  ])('refuses %j', (...parts) => {
    expect(parseDateArchive(parts[0]!, parts[1], parts[2])).toBeUndefined();
  });
});
