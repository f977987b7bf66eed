import busboy from 'busboy';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { encodeMultipart } from './form-data.ts';

/** What busboy reads back from an encoded body. */
function parse(body: Buffer, contentType: string): Promise<{ name: string; value: string; filename?: string; mimeType?: string }[]> {
  return new Promise((resolve, reject) => {
    const parts: { name: string; value: string; filename?: string; mimeType?: string }[] = [];
    const parser = busboy({ headers: { 'content-type': contentType }, preservePath: true });
    parser.on('field', (name: string, value: string) => parts.push({ name, value }));
    parser.on('file', (name: string, stream: Readable, info: busboy.FileInfo) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () =>
        parts.push({ name, value: Buffer.concat(chunks).toString('utf8'), filename: info.filename, mimeType: info.mimeType }),
      );
    });
    parser.on('close', () => resolve(parts));
    parser.on('error', reject);
    Readable.from([body]).pipe(parser);
  });
}

describe('encodeMultipart', () => {
  it('encodes text and file parts that a multipart parser reads back', async () => {
    const { body, contentType } = encodeMultipart([
      { name: 'description', value: 'Grüezi' },
      { name: 'file', value: Buffer.from('a,b\n1,2\n'), filename: '../../etc/passwd', contentType: 'text/csv' },
    ]);
    expect(contentType).toBe('multipart/form-data; boundary=----pocketm8-form-boundary');
    expect(await parse(body, contentType)).toEqual([
      { name: 'description', value: 'Grüezi' },
      { name: 'file', value: 'a,b\n1,2\n', filename: '../../etc/passwd', mimeType: 'text/csv' },
    ]);
  });

  it('escapes quotes and line breaks in names as browsers do', async () => {
    const { body, contentType } = encodeMultipart([{ name: 'file', value: 'x', filename: 'a"b\r\nc.txt' }], 'b');
    expect(body.toString('utf8')).toContain('filename="a%22b%0D%0Ac.txt"');
    expect((await parse(body, contentType))[0]?.filename).toBe('a%22b%0D%0Ac.txt');
  });
});
