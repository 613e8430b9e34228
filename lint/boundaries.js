// @ts-check
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The layers DESIGN.md names, as an ESLint rule: which folders a file may import from. Each zone
 * names the folders it applies to (`from`, paths relative to the repository root, ending in `/`) and
 * either what they may import (`allow`: folders and package names; everything else is a breach) or
 * what they may not (`forbid`: folders). A relative import is resolved to the file it names, so the
 * rule sees through `../` whatever the depth of the importing file.
 *
 * @typedef {{ from: string[], allow?: string[], forbid?: string[], message: string }} Zone
 */

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
function packageName(/** @type {string} */ specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** The repository-relative path, with `/` separators, a relative import leads to. */
function target(/** @type {string} */ root, /** @type {string} */ file, /** @type {string} */ specifier) {
  return relative(root, resolve(dirname(file), specifier))
    .split(sep)
    .join('/');
}

const within = (/** @type {string} */ path, /** @type {string[]} */ folders) =>
  folders.some((folder) => path.startsWith(folder));

/** @type {import('eslint').Rule.RuleModule} */
export const boundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each layer to the imports DESIGN.md allows it' },
    schema: [
      {
        type: 'object',
        properties: { zones: { type: 'array' } },
        required: ['zones'],
        additionalProperties: false,
      },
    ],
    messages: { breach: '{{message}} (imports {{specifier}})' },
  },
  create(context) {
    const root = context.cwd;
    const file = context.filename;
    if (!isAbsolute(file)) return {};
    const from = relative(root, file).split(sep).join('/');
    /** @type {Zone[]} */
    const zones = context.options[0].zones.filter((/** @type {Zone} */ zone) => within(from, zone.from));
    if (zones.length === 0) return {};

    function check(/** @type {import('estree').Node} */ node, /** @type {unknown} */ specifier) {
      if (typeof specifier !== 'string') return;
      const relativeImport = specifier.startsWith('.');
      const path = relativeImport ? target(root, file, specifier) : packageName(specifier);
      for (const zone of zones) {
        const allowed = zone.allow
          ? zone.allow.some((entry) =>
              entry.endsWith('/') ? relativeImport && path.startsWith(entry) : path === entry,
            )
          : true;
        const forbidden = relativeImport && zone.forbid ? within(path, zone.forbid) : false;
        if (!allowed || forbidden)
          context.report({ node, messageId: 'breach', data: { message: zone.message, specifier } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
