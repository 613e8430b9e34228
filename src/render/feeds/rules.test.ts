import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireFixtures } from '../../../test/support/fixtures.ts';
import {
  checkXmlFeed,
  isRfc3339,
  rfc822Verdict,
  type Problem,
} from '../../../test/support/feeds/validator.ts';

/**
 * The in-process validator (test/support/feeds/validator.ts) must agree with the W3C Feed Validation Service on
 * the service's own test cases before our feeds are judged by it. Each case names its expectation:
 * `Expect: Message{…}` (the validator reports it) or `Expect: !Message` (it does not).
 */
const fixtures = requireFixtures('feeds');

/** Folders whose cases exercise rules the port implements. */
const FOLDERS = [
  'rss20/data-types-datetime',
  'rss20/element-channel',
  'rss20/element-channel-item',
  'rss20/element-channel-item-enclosure',
  'rss20/element-channel-item-guid',
  'rss20/element-channel-item-pubdate',
  'rss20/element-channel-lastbuilddate',
  'rss20/namespace-elements-content-encoded',
  'atom/3.3',
  'atom/4.1.1',
  'atom/4.2.6',
  'atom/must',
];

/**
 * What each expectation means in the port's terms: the messages that satisfy it, or for `Valid…`
 * (the validator's note that a value passed) the message that must be absent.
 */
const SATISFIED_BY: Record<string, string[]> = { DuplicateIds: ['DuplicateEntries'] };
const VALID_MEANS_NOT: Record<string, string> = {
  ValidRFC2822Date: 'InvalidRFC2822Date|ProblematicalRFC822Date',
  ValidIntegerAttribute: 'InvalidIntegerAttribute',
  ValidMIMEAttribute: 'InvalidMIMEAttribute',
  ValidBooleanAttribute: 'InvalidBooleanAttribute',
  ValidW3CDTFDate: 'InvalidRFC3339Date',
};
const IMPLEMENTED = new Set([
  'InvalidRFC2822Date', 'ProblematicalRFC822Date', 'DuplicateValue', 'DuplicateElement', 'MissingAttribute',
  'InvalidIntegerAttribute', 'InvalidMIMEAttribute', 'InvalidBooleanAttribute', 'InvalidPermalink',
  'NeedDescriptionBeforeContent', 'MissingTitle', 'MissingLink', 'MissingDescription', 'InvalidRFC3339Date',
  'MissingElement', 'DuplicateEntries', 'DuplicateIds', 'MissingSelf', 'InvalidFullLink', 'DuplicateAtomLink',
  'Error', ...Object.keys(VALID_MEANS_NOT),
]); // prettier-ignore

/**
 * Cases whose verdict rests on distinctions the port does not draw, each with the reason.
 * everything.xml: one file of 30 dates, among them a blank one and others the validator files under
 * messages other than InvalidRFC2822Date; the single-date files cover each kind.
 */
const SKIPPED = new Set(['rss20/data-types-datetime/everything.xml']);

interface Case {
  file: string;
  negated: boolean;
  message: string;
  /** Where the validator reports it, when the case says: `{parent:item,element:pubDate}`. */
  parent?: string;
  element?: string;
}

function parseExpectation(file: string, source: string): Case | undefined {
  const expect = /Expect:\s*(!?)(\w+)(?:\{([^}]*)\})?/.exec(source);
  if (!expect) return undefined;
  const details = Object.fromEntries((expect[3] ?? '').split(',').map((pair) => pair.trim().split(':')));
  return {
    file,
    negated: expect[1] === '!',
    message: expect[2]!,
    parent: details.parent,
    element: details.element,
  };
}

function cases(dir: string): Case[] {
  return FOLDERS.flatMap((folder) =>
    readdirSync(join(dir, folder))
      .filter((name) => name.endsWith('.xml'))
      .map((name) => `${folder}/${name}`)
      .flatMap((file) => {
        const c = parseExpectation(file, readFileSync(join(dir, file), 'utf8'));
        return c && !SKIPPED.has(file) && IMPLEMENTED.has(c.message) ? [c] : [];
      }),
  );
}

function agrees(c: Case, problems: Problem[]): boolean {
  if (c.message === 'Error') return c.negated && !problems.some((p) => p.severity === 'error');
  const there = problems.filter(
    (p) =>
      (c.parent === undefined || p.parent === c.parent) &&
      (c.element === undefined || p.element === c.element),
  );
  const names = new Set(there.map((p) => p.message));
  const absent = VALID_MEANS_NOT[c.message];
  if (absent) return !absent.split('|').some((m) => names.has(m));
  const found = [c.message, ...(SATISFIED_BY[c.message] ?? [])].some((m) => names.has(m));
  return c.negated ? !found : found;
}

describe.skipIf(fixtures.skip !== undefined)('the feed validator port, on the validator’s own cases', () => {
  const all = fixtures.dir ? cases(join(fixtures.dir, 'feedvalidator/testcases')) : [];

  it('covers enough of them to mean something', () => {
    expect(all.length).toBeGreaterThan(120);
  });

  it.each(all.map((c) => [c.file, c] as const))('%s', (_file, c) => {
    const source = readFileSync(join(fixtures.dir!, 'feedvalidator/testcases', c.file), 'utf8');
    const problems = checkXmlFeed(source);
    expect(agrees(c, problems), `${c.negated ? '!' : ''}${c.message}: ${JSON.stringify(problems)}`).toBe(
      true,
    );
  });
});

describe('dates', () => {
  it('tells RFC 822 dates as RSS wants them from problematical and invalid ones', () => {
    expect(rfc822Verdict('Sun, 03 Mar 2024 14:05:00 GMT')).toBe('valid');
    expect(rfc822Verdict('3 Mar 2024 14:05 +0600')).toBe('valid');
    expect(rfc822Verdict('Sun, 03 Mar 24 14:05:00 GMT')).toBe('problematical');
    expect(rfc822Verdict('Mon, 03 Mar 2024 14:05:00 GMT')).toBe('invalid');
    expect(rfc822Verdict('2024-03-03T14:05:00Z')).toBe('invalid');
  });

  it('accepts RFC 3339 and nothing looser', () => {
    expect(isRfc3339('2024-03-03T14:05:00Z')).toBe(true);
    expect(isRfc3339('2024-03-03T14:05:00.123+06:00')).toBe(true);
    expect(isRfc3339('2024-02-30T14:05:00Z')).toBe(false);
    expect(isRfc3339('2024-03-03 14:05:00Z')).toBe(false);
    expect(isRfc3339('2024-03-03T14:05:00')).toBe(false);
  });
});
