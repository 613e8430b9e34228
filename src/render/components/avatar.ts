import { createHash } from 'node:crypto';
import { h, type Html } from '../html.ts';

/**
 * A 5×5 mirrored identicon drawn from the seed (a keyed hash of the commenter's email), inline so no
 * reader's browser asks a third party (Gravatar) for it. Decorative: the name beside it says who.
 */
export function avatar(seed: string): Html {
  const bytes = createHash('sha256').update(seed).digest();
  const hue = (bytes[0]! * 256 + bytes[1]!) % 360;
  const cells: string[] = [];
  for (let y = 0; y < 5; y++) {
    for (let x = 0; x < 3; x++) {
      if (((bytes[2 + y]! >> x) & 1) === 0) continue;
      cells.push(`M${x} ${y}h1v1h-1z`);
      if (x < 2) cells.push(`M${4 - x} ${y}h1v1h-1z`);
    }
  }
  // An all-empty grid would draw nothing; the middle column keeps every avatar visible.
  if (cells.length === 0) cells.push('M2 0h1v5h-1z');
  return h`<svg class="avatar" viewBox="-1 -1 7 7" width="40" height="40" aria-hidden="true" focusable="false"><rect x="-1" y="-1" width="7" height="7" fill="#ece8e1"/><path fill="hsl(${hue} 55% 42%)" d="${cells.join('')}"/></svg>`;
}
