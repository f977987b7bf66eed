import { describe, expect, it } from 'vitest';
import { avatarTypeOf, createTextProbe, extensionOf, fileTypeOf, OFFICE_TYPES, sniffBinary } from './sniff.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF');
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');
const WAV = bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt ');
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04], [20, 0, 0, 0]);

describe('sniffBinary', () => {
  it.each([
    ['PNG', PNG, 'image/png'],
    ['JPEG', JPEG, 'image/jpeg'],
    ['WebP', WEBP, 'image/webp'],
    ['GIF87a', bytes('GIF87a'), 'image/gif'],
    ['GIF89a', bytes('GIF89a', [1, 0]), 'image/gif'],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['ZIP', ZIP, 'application/zip'],
    ['RIFF that is not WebP', WAV, undefined],
    ['text', bytes('hello'), undefined],
    ['too short for a PNG', PNG.subarray(0, 4), undefined],
    ['nothing', bytes(), undefined],
  ])('%s', (_name, head, type) => {
    expect(sniffBinary(head)).toBe(type);
  });
});

describe('avatarTypeOf', () => {
  it('accepts PNG, JPEG and WebP only', () => {
    expect([PNG, JPEG, WEBP].map(avatarTypeOf)).toEqual(['image/png', 'image/jpeg', 'image/webp']);
    expect(avatarTypeOf(bytes('GIF89a'))).toBeUndefined();
    expect(avatarTypeOf(bytes('%PDF-'))).toBeUndefined();
  });
});

describe('extensionOf', () => {
  it('is the lower-cased part after the last dot, not a leading dot', () => {
    expect(extensionOf('Report.Final.DOCX')).toBe('docx');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('README')).toBe('');
  });
});

describe('fileTypeOf', () => {
  const sample = (head: Buffer, fileName: string, declaredType: string, isText = false) => ({ head, fileName, declaredType, isText });

  it('believes the content over the declared type and the name', () => {
    expect(fileTypeOf(sample(PNG, 'photo.txt', 'text/plain'))).toBe('image/png');
    expect(fileTypeOf(sample(bytes('a,b\n'), 'logo.png', 'image/png', true))).toBe('text/plain');
  });

  it('names a ZIP after the office type its name or declared type gives, else application/zip', () => {
    expect(fileTypeOf(sample(ZIP, 'budget.xlsx', 'application/octet-stream'))).toBe(OFFICE_TYPES.xlsx);
    expect(fileTypeOf(sample(ZIP, 'upload.bin', OFFICE_TYPES.docx))).toBe(OFFICE_TYPES.docx);
    expect(fileTypeOf(sample(ZIP, 'slides.PPTX', 'application/zip'))).toBe(OFFICE_TYPES.pptx);
    expect(fileTypeOf(sample(ZIP, 'archive.zip', 'application/zip'))).toBe('application/zip');
  });

  it('types text as CSV or JSON when the declared type or the extension says so', () => {
    expect(fileTypeOf(sample(bytes('a,b'), 'list.csv', 'application/octet-stream', true))).toBe('text/csv');
    expect(fileTypeOf(sample(bytes('a,b'), 'list', 'text/csv; charset=utf-8', true))).toBe('text/csv');
    expect(fileTypeOf(sample(bytes('{}'), 'data.json', 'text/plain', true))).toBe('application/json');
    expect(fileTypeOf(sample(bytes('{}'), 'data', 'Application/JSON', true))).toBe('application/json');
    expect(fileTypeOf(sample(bytes('# hi'), 'notes.md', 'text/markdown', true))).toBe('text/plain');
  });

  it('refuses content that is neither a known binary type nor text', () => {
    expect(fileTypeOf(sample(bytes([0x7f], 'ELF'), 'tool', 'application/octet-stream'))).toBeUndefined();
    expect(fileTypeOf(sample(WAV, 'sound.wav', 'audio/wav'))).toBeUndefined();
  });
});

describe('createTextProbe', () => {
  const probe = (...chunks: Buffer[]) => {
    const text = createTextProbe();
    for (const chunk of chunks) text.push(chunk);
    return text.end();
  };

  it('accepts UTF-8, also when a character spans two chunks', () => {
    const euro = Buffer.from('Preis: 5 €', 'utf8');
    expect(probe(euro)).toBe(true);
    expect(probe(euro.subarray(0, euro.length - 2), euro.subarray(euro.length - 2))).toBe(true);
    expect(probe()).toBe(true);
  });

  it('refuses NUL bytes, invalid sequences and a character cut off at the end', () => {
    expect(probe(Buffer.from('a\u0000b'))).toBe(false);
    expect(probe(bytes([0x61, 0xff, 0x62]))).toBe(false);
    expect(probe(Buffer.from('€', 'utf8').subarray(0, 2))).toBe(false);
    expect(probe(bytes('Gr'), bytes([0xfc]), bytes('ezi'))).toBe(false);
  });
});
