import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assets } from './index.ts';
import { css } from './style.ts';

function variables(block: string): Record<string, string> {
  return Object.fromEntries(
    [...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\s*;/gi)].map((m) => [m[1]!, m[2]!]),
  );
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const light = variables(/:root \{([\s\S]*?)\n\}/.exec(css)![1]!);
const dark = {
  ...light,
  ...variables(/prefers-color-scheme: dark\) \{\s*:root \{([\s\S]*?)\}/.exec(css)![1]!),
};

/** Text pairs need 4.5:1 (WCAG AA); borders of controls and the held marker 3:1 (non-text contrast). */
const TEXT: [string, string][] = [
  ['fg', 'bg'], ['muted', 'bg'], ['link', 'bg'], ['visited', 'bg'], ['error', 'bg'],
  ['fg', 'surface'], ['muted', 'surface'], ['link', 'surface'], ['visited', 'surface'],
  ['fg', 'field'], ['bg', 'link'], ['bg', 'fg'],
]; // prettier-ignore
const NON_TEXT: [string, string][] = [
  ['control', 'bg'],
  ['control', 'field'],
  ['held', 'surface'],
  ['link', 'bg'],
];

describe('theme colours', () => {
  for (const [name, scheme] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`meet WCAG AA in the ${name} scheme`, () => {
      const failures: string[] = [];
      for (const [pairs, minimum] of [
        [TEXT, 4.5],
        [NON_TEXT, 3],
      ] as const) {
        for (const [fg, bg] of pairs) {
          const ratio = contrast(scheme[fg]!, scheme[bg]!);
          if (!(ratio >= minimum)) failures.push(`${fg} on ${bg}: ${ratio.toFixed(2)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});

describe('assets', () => {
  it('are named by a hash of their content', () => {
    for (const asset of Object.values(assets)) {
      const hash = createHash('sha256').update(asset.body).digest('hex').slice(0, 8);
      expect(asset.path).toMatch(new RegExp(`^/assets/[a-z-]+\\.${hash}\\.(css|js)$`));
    }
    expect(assets['theme.css'].type).toBe('text/css; charset=utf-8');
    expect(assets['comment-reply.js'].type).toBe('text/javascript; charset=utf-8');
  });

  it('make no third-party request: no URL, no @import, no web font', () => {
    for (const asset of Object.values(assets)) {
      expect(asset.body).not.toMatch(/http|\/\/[a-z]|@import|@font-face|url\(/i);
    }
  });

  it('stay small: CSS under 12 KB, JS under 2 KB', () => {
    expect(Buffer.byteLength(assets['theme.css'].body)).toBeLessThan(12 * 1024);
    expect(Buffer.byteLength(assets['comment-reply.js'].body)).toBeLessThan(2 * 1024);
  });

  it('ship a dark scheme, visible focus and print styles', () => {
    expect(css).toContain('@media (prefers-color-scheme: dark)');
    expect(css).toContain(':focus-visible');
    expect(css).toContain('@media print');
  });
});
