import { describe, expect, it } from 'vitest';
import type { LogLevel } from '../core/ports/logger.ts';
import { consoleLogger } from './logger.ts';

function capture(level: LogLevel, start = Date.parse('2026-12-04T12:00:00Z')) {
  const lines: string[] = [];
  let now = start;
  const log = consoleLogger(level, {
    write: (_level, line) => lines.push(line),
    now: () => new Date(now),
    repeats: { lines: 3, windowMs: 10_000 },
  });
  return { log, lines, advance: (ms: number) => (now += ms) };
}

describe('the console logger', () => {
  it('writes each level from LOG_LEVEL up, and nothing when silent', () => {
    const written = (level: LogLevel) => {
      const { log, lines } = capture(level);
      log.error('e');
      log.info('i');
      log.debug('d');
      return lines.map((line) => line.split(' ')[1]);
    };
    expect(written('silent')).toEqual([]);
    expect(written('error')).toEqual(['ERROR']);
    expect(written('info')).toEqual(['ERROR', 'INFO']);
    expect(written('debug')).toEqual(['ERROR', 'INFO', 'DEBUG']);
    expect(capture('info').log.enabled('debug')).toBe(false);
  });

  it('keeps each event on one line, quoting what a stranger sent and cutting it short', () => {
    const { log, lines } = capture('info');
    log.error('unexpected error', {
      id: 'a1',
      path: '/x\nFAKE 2026 ERROR forged line\u202e',
      long: 'y'.repeat(5000),
      gone: undefined,
    });
    expect(lines).toHaveLength(1);
    const [line] = lines as [string];
    expect(line).not.toContain('\n');
    expect(line).toContain('2026-12-04T12:00:00.000Z ERROR unexpected error id=a1 path="/x\\nFAKE');
    expect(line).toContain('\\u202e');
    expect(line).not.toContain('\u202e');
    expect(line).not.toContain('gone=');
    expect(line.length).toBeLessThan(500);
  });

  it('writes a flood of the same event a few times per window, then says how many it left out', () => {
    const { log, lines, advance } = capture('info');
    for (let i = 0; i < 1000; i++) log.error('unexpected error', { id: String(i), error: 'TypeError' });
    log.error('unexpected error', { id: 'other', error: 'RangeError' });
    expect(lines).toHaveLength(4);
    advance(10_000);
    log.error('unexpected error', { id: 'later', error: 'TypeError' });
    expect(lines.at(-1)).toMatch(/id=later error=TypeError similar-left-out=997$/);
  });
});
