export const MAX_FILE_NAME_LENGTH = 255;

// C0 and C1 controls, and the bidirectional overrides that make `gpj.exe` look like `exe.jpg`.
const UNSAFE = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

function shorten(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_FILE_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (extension.length === 0 || extension.length > 16) return chars.slice(0, MAX_FILE_NAME_LENGTH).join('');
  return [...chars.slice(0, MAX_FILE_NAME_LENGTH - extension.length), ...extension].join('');
}

/**
 * The name to keep for an uploaded file: the client's name reduced to its last path segment
 * (`/` or `\`), without control characters or surrounding spaces, at most 255 characters (the
 * extension kept); `file` when nothing usable is left. Only ever shown, never used as a path.
 */
export function safeFileName(raw: string | undefined): string {
  const last = (raw ?? '').replace(UNSAFE, '').split(/[/\\]/).pop() ?? '';
  const name = last.trim();
  if (name === '' || name === '.' || name === '..') return 'file';
  return shorten(name);
}
