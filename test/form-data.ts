export interface FormPart {
  name: string;
  value: string | Uint8Array;
  /** Makes it a file part. Sent as given (no folder stripped), as a browser would not. */
  filename?: string;
  contentType?: string;
}

// As browsers do (HTML's multipart/form-data encoding): quotes and line breaks in names are escaped.
const quote = (text: string) => text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/**
 * Encodes a `multipart/form-data` body part by part, byte for byte as written, for clients and
 * tests that need full control (odd file names, repeated or missing parts, a body cut short).
 */
export function encodeMultipart(
  parts: readonly FormPart[],
  boundary = '----pocketm8-form-boundary',
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${quote(part.filename)}"`;
    const type = part.contentType === undefined ? '' : `\r\nContent-Type: ${part.contentType}`;
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(part.name)}"${filename}${type}\r\n\r\n`, 'utf8'),
    );
    chunks.push(typeof part.value === 'string' ? Buffer.from(part.value, 'utf8') : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
