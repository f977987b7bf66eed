/** RFC 6901 JSON pointers, as OpenAPI uses them in `$ref` fragments (`#/components/schemas/Task`). */

/** A JSON object, as the YAML and JSON parsers produce it. */
export type JsonObject = { [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function encodePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function decodePointerToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Builds a pointer (`/paths/~1tasks/get`) from unescaped tokens. */
export function toPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${encodePointerToken(token)}`).join('');
}

/** Splits a pointer or a local ref (`#/a/b`, `/a/b`) into unescaped tokens. */
export function fromPointer(pointer: string): string[] {
  const bare = pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (bare === '') return [];
  if (!bare.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return bare.slice(1).split('/').map(decodePointerToken);
}

/** The value at a pointer, or undefined when the path does not exist. */
export function getAtPointer(document: unknown, pointer: string): unknown {
  let node = document;
  for (const token of fromPointer(pointer)) {
    if (Array.isArray(node) && /^\d+$/.test(token)) node = node[Number(token)];
    else if (isJsonObject(node) && Object.hasOwn(node, token)) node = node[token];
    else return undefined;
  }
  return node;
}

/** Sets a value at a pointer, creating the objects on the way. */
export function setAtPointer(document: JsonObject, pointer: string, value: unknown): void {
  const tokens = fromPointer(pointer);
  const last = tokens.pop();
  if (last === undefined) throw new Error('cannot set the document root');
  let node: JsonObject = document;
  for (const token of tokens) {
    const next = node[token];
    if (isJsonObject(next)) {
      node = next;
    } else {
      const created: JsonObject = {};
      node[token] = created;
      node = created;
    }
  }
  node[last] = value;
}
