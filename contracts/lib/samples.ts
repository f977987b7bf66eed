import type { UploadPart } from './client.ts';

/** A real 1x1 PNG (70 bytes). */
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Plain UTF-8 text, with a non-ASCII character. */
export const textBytes = (text: string) => Buffer.from(`${text}\nGrüezi from the contract suite.\n`, 'utf8');

/** The start of an ELF executable: no accepted type (not text: NUL bytes and invalid UTF-8). */
export const ELF_BYTES = Buffer.from([
  0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x3e, 0x00, 0x01, 0xc3, 0x28, 0x00, 0x00,
]);

export const pngPart = (filename = 'pixel.png'): UploadPart => ({ field: 'file', bytes: PNG_BYTES, filename, contentType: 'image/png' });

export const textPart = (text: string, filename = 'notes.txt'): UploadPart => ({
  field: 'file',
  bytes: textBytes(text),
  filename,
  contentType: 'text/plain',
});
