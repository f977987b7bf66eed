/** Characters that RFC 5987's attr-char does not allow unencoded, beyond what encodeURIComponent encodes. */
const EXTRA = /['()*]/g;

/**
 * `inline; filename="<name>"` (RFC 6266) for a stored file name, never a path: only the last
 * segment is kept. A name with anything but printable ASCII (or with `"`, `\`, `%`) gets an ASCII
 * fallback with `_` in their place, and the exact name as `filename*=UTF-8''...` (RFC 5987).
 */
export function inlineDisposition(name: string): string {
  const base = name.split(/[/\\]/).pop()?.trim() || 'file';
  const ascii = base.replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  if (ascii === base) return `inline; filename="${base}"`;
  const encoded = encodeURIComponent(base).replace(EXTRA, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
