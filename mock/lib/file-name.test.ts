import { describe, expect, it } from 'vitest';
import { MAX_FILE_NAME_LENGTH, safeFileName } from './file-name.ts';

describe('safeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['/var/tmp/report.pdf', 'report.pdf'],
    ['C:\\Users\\alice\\Desktop\\notes.txt', 'notes.txt'],
    ['..\\..\\boot.ini', 'boot.ini'],
    ['a/b\\c', 'c'],
    ['bad\u0000name\r\n.txt', 'badname.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  spaced.txt  ', 'spaced.txt'],
    ['Grüezi 👋.txt', 'Grüezi 👋.txt'],
    ['', 'file'],
    [undefined, 'file'],
    ['..', 'file'],
    ['folder/', 'file'],
    ['\u0007', 'file'],
  ])('%j -> %j', (raw, name) => {
    expect(safeFileName(raw)).toBe(name);
  });

  it('cuts long names to 255 characters and keeps the extension', () => {
    const name = safeFileName(`${'a'.repeat(300)}.pdf`);
    expect(name).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith('a.pdf')).toBe(true);
  });

  it('does not split a character made of two UTF-16 units', () => {
    const name = safeFileName('😀'.repeat(300));
    expect(Array.from(name)).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name).toBe('😀'.repeat(MAX_FILE_NAME_LENGTH));
  });
});
