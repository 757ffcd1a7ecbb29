import { LineCounter, parseDocument, isNode } from 'yaml';

/** spec.steps[0].filter → ['spec', 'steps', 0, 'filter'] */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(part[2] !== undefined ? Number(part[2]) : part[1]);
  return out;
}

/**
 * The line (1-based) of the YAML text that a server error's JSON path points at: the deepest
 * node of the path that the text has, so an unknown or missing field points at its parent.
 */
export function lineOf(text: string, path: string | undefined): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, keepSourceTokens: false });
  if (!path) return undefined;
  const segments = pathSegments(path);
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n);
    const node = doc.getIn(prefix, true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    // A key whose value is null still has a key node in its parent map.
    const parent = n > 1 ? doc.getIn(prefix.slice(0, -1), true) : doc.contents;
    if (parent && typeof parent === 'object' && 'items' in parent) {
      const pair = (parent as { items: { key?: { value?: unknown; range?: [number, number, number] } }[] }).items.find(
        (p) => p.key && p.key.value === prefix[prefix.length - 1],
      );
      if (pair?.key?.range) return counter.linePos(pair.key.range[0]).line;
    }
  }
  return 1;
}

/** YAML syntax errors, at their line, before anything is sent. */
export function syntaxErrors(text: string): { line: number; message: string }[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  return doc.errors.map((e) => ({ line: counter.linePos(e.pos[0]).line, message: e.message.split('\n')[0] }));
}

export function documentName(text: string): string | undefined {
  try {
    const name = parseDocument(text).getIn(['metadata', 'name']);
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}
