/**
 * Finds the operation for a method and a path in one lookup, matching as Express matches route
 * paths by default: letters in any case, an optional trailing slash, a `{parameter}` is one
 * non-empty segment (percent-decoded; a bad escape throws URIError, as Express's router does),
 * and HEAD is answered by the GET operation.
 */
export class RouteTable<T> {
  /** `GET /tasks` (lower case) -> value. */
  readonly #fixed = new Map<string, T>();
  /** `GET 2` (method, segment count) -> the templates of that shape, in the order added. */
  readonly #templated = new Map<string, { segments: (string | { name: string })[]; value: T }[]>();

  /** Adds a path template (`/tasks/{id}/status`); the first template added wins a tie. */
  add(method: string, template: string, value: T): void {
    const upper = method.toUpperCase();
    const segments = template.split('/').slice(1);
    if (!template.includes('{')) {
      const key = `${upper} ${template.toLowerCase()}`;
      if (!this.#fixed.has(key)) this.#fixed.set(key, value);
      return;
    }
    const key = `${upper} ${segments.length}`;
    const list = this.#templated.get(key) ?? [];
    list.push({ segments: segments.map((segment) => (/^\{[^}]+\}$/.test(segment) ? { name: segment.slice(1, -1) } : segment.toLowerCase())), value });
    this.#templated.set(key, list);
  }

  match(method: string, path: string): { value: T; params: Record<string, string> } | undefined {
    const found = this.#match(method, path);
    return found ?? (method === 'HEAD' ? this.#match('GET', path) : undefined);
  }

  #match(method: string, rawPath: string): { value: T; params: Record<string, string> } | undefined {
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    const fixed = this.#fixed.get(`${method} ${path.toLowerCase()}`);
    if (fixed !== undefined) return { value: fixed, params: {} };
    const parts = path.split('/').slice(1);
    const candidates = this.#templated.get(`${method} ${parts.length}`);
    if (!candidates) return undefined;
    next: for (const { segments, value } of candidates) {
      for (let index = 0; index < segments.length; index += 1) {
        const segment = segments[index]!;
        const part = parts[index]!;
        if (typeof segment === 'string' ? segment !== part.toLowerCase() : part === '') continue next;
      }
      const params: Record<string, string> = {};
      segments.forEach((segment, index) => {
        if (typeof segment !== 'string') params[segment.name] = decodeURIComponent(parts[index]!);
      });
      return { value, params };
    }
    return undefined;
  }
}
