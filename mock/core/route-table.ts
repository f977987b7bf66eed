type Segment = string | { name: string };

/**
 * Finds the operation for a method and a path in one lookup, matching as Express matches route
 * paths by default: letters in any case, an optional trailing slash, a `{parameter}` is one
 * non-empty segment (percent-decoded; a bad escape throws URIError, as Express's router does),
 * and HEAD is answered by the GET operation.
 */
export class RouteTable<T> {
  /** Method -> path (lower case) -> value. */
  readonly #fixed = new Map<string, Map<string, T>>();
  /**
   * Method -> `path.split('/').length` -> the templates of that shape, in the order added; a
   * template's segments line up with the parts of a path split the same way (`''` first).
   */
  readonly #templated = new Map<string, Map<number, { segments: Segment[]; value: T }[]>>();

  /** Adds a path template (`/tasks/{id}/status`); the first template added wins a tie. */
  add(method: string, template: string, value: T): void {
    const upper = method.toUpperCase();
    if (!template.includes('{')) {
      const fixed = this.#fixed.get(upper) ?? new Map<string, T>();
      if (!fixed.has(template.toLowerCase())) fixed.set(template.toLowerCase(), value);
      this.#fixed.set(upper, fixed);
      return;
    }
    const segments = template
      .split('/')
      .map((segment): Segment => (/^\{[^}]+\}$/.test(segment) ? { name: segment.slice(1, -1) } : segment.toLowerCase()));
    const shapes = this.#templated.get(upper) ?? new Map<number, { segments: Segment[]; value: T }[]>();
    shapes.set(segments.length, [...(shapes.get(segments.length) ?? []), { segments, value }]);
    this.#templated.set(upper, shapes);
  }

  match(method: string, path: string): { value: T; params: Record<string, string> } | undefined {
    const found = this.#match(method, path);
    return found ?? (method === 'HEAD' ? this.#match('GET', path) : undefined);
  }

  #match(method: string, rawPath: string): { value: T; params: Record<string, string> } | undefined {
    const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
    const fixed = this.#fixed.get(method)?.get(path.toLowerCase());
    if (fixed !== undefined) return { value: fixed, params: {} };
    const parts = path.split('/');
    const candidates = this.#templated.get(method)?.get(parts.length);
    if (!candidates) return undefined;
    next: for (const { segments, value } of candidates) {
      for (let index = 1; index < parts.length; index += 1) {
        const segment = segments[index]!;
        const part = parts[index]!;
        if (typeof segment === 'string' ? segment !== part.toLowerCase() : part === '') continue next;
      }
      const params: Record<string, string> = {};
      for (let index = 1; index < parts.length; index += 1) {
        const segment = segments[index]!;
        if (typeof segment !== 'string') params[segment.name] = decodeURIComponent(parts[index]!);
      }
      return { value, params };
    }
    return undefined;
  }
}
