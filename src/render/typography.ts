import type { StateCore } from 'markdown-it';

/**
 * The dashes of the `smart` typography setting, without the rest of markdown-it's `replacements`
 * rule (which also makes "(c)" a "©"): `---` becomes an em dash and `--` an en dash, in text only,
 * never in code (inline code and blocks are not text tokens) nor in a bare link's address.
 */
function dashes(text: string): string {
  return text
    .replace(/(^|[^-])---(?=[^-]|$)/gm, '$1\u2014')
    .replace(/(^|\s)--(?=\s|$)/gm, '$1\u2013')
    .replace(/(^|[^-\s])--(?=[^-\s]|$)/gm, '$1\u2013');
}

export function smartDashes(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    let insideAutolink = 0;
    for (const token of block.children) {
      if (token.type === 'link_open' && token.info === 'auto') insideAutolink++;
      else if (token.type === 'link_close' && token.info === 'auto') insideAutolink--;
      else if (token.type === 'text' && insideAutolink === 0 && token.content.includes('--'))
        token.content = dashes(token.content);
    }
  }
}
