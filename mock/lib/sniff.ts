/** Office Open XML types: ZIP files underneath, told apart only by their name or declared type. */
export const OFFICE_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
} as const;

export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type AvatarType = (typeof AVATAR_TYPES)[number];

export type BinaryType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'application/pdf' | 'application/zip';

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** Byte patterns at an offset; `undefined` matches any byte. */
const SIGNATURES: readonly { type: BinaryType; at: number; bytes: readonly (number | undefined)[] }[] = [
  { type: 'image/png', at: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', at: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/webp', at: 0, bytes: [...ascii('RIFF'), undefined, undefined, undefined, undefined, ...ascii('WEBP')] },
  { type: 'image/gif', at: 0, bytes: ascii('GIF87a') },
  { type: 'image/gif', at: 0, bytes: ascii('GIF89a') },
  { type: 'application/pdf', at: 0, bytes: ascii('%PDF-') },
  { type: 'application/zip', at: 0, bytes: [0x50, 0x4b, 0x03, 0x04] },
];

/** The binary type the first bytes announce (magic numbers), if any. */
export function sniffBinary(head: Uint8Array): BinaryType | undefined {
  const match = SIGNATURES.find(({ at, bytes }) => bytes.every((byte, index) => byte === undefined || head[at + index] === byte));
  return match?.type;
}

/** The avatar type of an image by its first bytes; undefined for anything but PNG, JPEG and WebP. */
export function avatarTypeOf(head: Uint8Array): AvatarType | undefined {
  const type = sniffBinary(head);
  return (AVATAR_TYPES as readonly string[]).includes(type ?? '') ? (type as AvatarType) : undefined;
}

/** The lower-cased extension of a file name, without the dot (`''` when there is none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

export interface UploadSample {
  /** The first bytes (12 are enough for every signature). */
  head: Uint8Array;
  /** The whole content is valid UTF-8 without NUL bytes. */
  isText: boolean;
  fileName: string;
  /** The part's Content-Type as the client declared it. */
  declaredType: string;
}

function officeTypeOf(fileName: string, declaredType: string): string | undefined {
  const declared = Object.values(OFFICE_TYPES).find((type) => type === declaredType);
  return declared ?? OFFICE_TYPES[extensionOf(fileName) as keyof typeof OFFICE_TYPES];
}

function textTypeOf(fileName: string, declaredType: string): string {
  const extension = extensionOf(fileName);
  if (declaredType === 'text/csv' || extension === 'csv') return 'text/csv';
  if (declaredType === 'application/json' || extension === 'json') return 'application/json';
  return 'text/plain';
}

/**
 * The type of an uploaded file, decided by its content: the magic bytes first; a ZIP is an
 * office document when its name or declared type says which, else `application/zip`; valid
 * UTF-8 without NUL bytes is text (CSV or JSON when the name or declared type says so). The
 * declared type never overrides the content. Undefined: not a type the API accepts.
 */
export function fileTypeOf(sample: UploadSample): string | undefined {
  const declared = sample.declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const binary = sniffBinary(sample.head);
  if (binary === 'application/zip') return officeTypeOf(sample.fileName, declared) ?? binary;
  if (binary) return binary;
  return sample.isText ? textTypeOf(sample.fileName, declared) : undefined;
}

export interface TextProbe {
  push(chunk: Uint8Array): void;
  /** Whether everything pushed so far, taken as complete, is valid UTF-8 without NUL bytes. */
  end(): boolean;
}

/** Checks a stream of chunks for UTF-8 text without keeping them (sequences may span chunks). */
export function createTextProbe(): TextProbe {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = true;
  return {
    push(chunk) {
      if (!text) return;
      if (chunk.includes(0)) {
        text = false;
        return;
      }
      try {
        decoder.decode(chunk, { stream: true });
      } catch {
        text = false;
      }
    },
    end() {
      if (!text) return false;
      try {
        decoder.decode();
      } catch {
        text = false;
      }
      return text;
    },
  };
}
