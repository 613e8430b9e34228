import { SaxesParser } from 'saxes';

/** An element as the tests look at it: qualified name, namespace, attributes, children, its own text. */
export interface XmlNode {
  name: string;
  uri: string;
  attributes: Record<string, string>;
  children: XmlNode[];
  text: string;
}

/**
 * Parses a whole document strictly (saxes refuses anything not well-formed, namespaces included)
 * into a tree. For tests only: a real export can be far too big to hold like this.
 */
export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlNode = { name: '#document', uri: '', attributes: {}, children: [], text: '' };
  const stack = [root];
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const node: XmlNode = { name: tag.name, uri: tag.uri, attributes, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => void (stack[stack.length - 1]!.text += text));
  parser.on('cdata', (text) => void (stack[stack.length - 1]!.text += text));
  parser.write(xml).close();
  if (failure) throw failure;
  const element = root.children[0];
  if (!element) throw new Error('no root element');
  return element;
}

export function all(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}

export function one(node: XmlNode, name: string): XmlNode {
  const found = all(node, name);
  if (found.length !== 1) throw new Error(`expected one <${name}> in <${node.name}>, found ${found.length}`);
  return found[0]!;
}

/** The text of the one child element of that name. */
export function text(node: XmlNode, name: string): string {
  return one(node, name).text;
}
