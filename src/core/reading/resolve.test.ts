import { describe, expect, it } from 'vitest';
import { parseDateArchive } from '../input.ts';
import { redirect } from './resolve.ts';
import { subjectPath } from './subjects.ts';

describe('redirect', () => {
  it.each([
    ['/welcome/', '/welcome/'],
    ['//evil.example/phish/', '/evil.example/phish/'],
    ['/\\evil.example/', '/evil.example/'],
    ['\\/evil.example/', '/evil.example/'],
    ['///x/?a=1', '/x/?a=1'],
  ])('keeps %j on this site as %j', (from, to) => {
    expect(redirect(from)).toEqual({ type: 'redirect', location: to });
  });
});

describe('subjectPath', () => {
  it('writes a date archive the one canonical way', () => {
    const at = (y: string, m?: string, d?: string) =>
      subjectPath({ kind: 'date', range: parseDateArchive(y, m, d)! });
    expect(at('2026')).toBe('/2026/');
    expect(at('2026', '03')).toBe('/2026/03/');
    expect(at('2024', '02', '29')).toBe('/2024/02/29/');
    expect(at('0042', '01')).toBe('/0042/01/');
  });
});
