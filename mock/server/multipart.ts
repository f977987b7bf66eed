import busboy from 'busboy';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import type { MultipartForm, MultipartOptions } from '../core/request.ts';
import { BlobTooLargeError } from '../store/blobs.ts';
import type { FieldProblem } from '../lib/api-error.ts';
import {
  FIELD_BYTES,
  fileTooLarge,
  invalidForm as invalid,
  malformedForm as malformed,
  MAX_PARTS,
  noBoundary,
  PROBLEMS,
} from '../core/multipart-rules.ts';

/** How long the rest of a refused upload is still read, and dropped, after the answer. */
const LINGER_MS = 2_000;

/**
 * Closes the connection of a refused upload once the client had time to read the answer.
 * Closed at once, with the client's bytes still arriving, the kernel resets the connection and
 * a client still sending can lose the 413 (EPIPE or ECONNRESET instead): so the body keeps
 * draining after the answer, and the socket is closed after LINGER_MS unless the body ended
 * (then the connection is reusable as any other).
 */
function closeAfterLinger(req: Request): void {
  req.res?.once('finish', () => {
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once('end', () => clearTimeout(timer));
  });
}

/**
 * Streams a `multipart/form-data` request with busboy: the file part goes straight to `receive`,
 * the text parts are collected. Past `maxFileBytes` it answers 413 FILE_TOO_LARGE at once: it
 * stops parsing, lets the rest of the body drain unparsed and unstored, and closes the
 * connection soon after the answer, so a huge upload costs neither memory nor waiting. Broken bodies
 * answer 400; whatever was received is discarded on every failure.
 */
export function readMultipart<T>(req: Request, options: MultipartOptions<T>): Promise<MultipartForm<T>> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      limits: { fileSize: options.maxFileBytes + 1, fieldSize: FIELD_BYTES, fields: MAX_PARTS, files: MAX_PARTS },
    });
  } catch {
    return Promise.reject(noBoundary());
  }

  return new Promise((resolve, reject) => {
    const form = new Map<string, unknown>();
    const problems: FieldProblem[] = [];
    let upload: { fileName: string | undefined; declaredType: string; stream: Readable; pending: Promise<T> } | undefined;
    let done = false;

    const fail = (error: unknown, early: boolean) => {
      if (done) return;
      done = true;
      if (early) {
        // Stop reading: the rest of the body flows into nothing and the socket closes after the answer.
        req.unpipe(parser);
        parser.destroy();
        upload?.stream.destroy(new Error('upload stopped'));
        req.resume();
        closeAfterLinger(req);
      }
      const pending = upload?.pending;
      void (pending ? pending.then(options.discard, () => undefined) : Promise.resolve()).finally(() => reject(error));
    };
    const tooLarge = () => fileTooLarge(options.maxFileBytes);

    parser.on('file', (name: string, stream: Readable, info: busboy.FileInfo) => {
      if (name !== options.fileField || upload) {
        if (name === options.fileField) problems.push(PROBLEMS.sentTwice(name));
        else form.set(name, info.filename ?? '');
        // Drained unread; a form that ends early errors this stream too, which must not go unheard.
        stream.on('error', () => undefined).resume();
        return;
      }
      let broken = false;
      stream.on('error', () => (broken = true));
      // busboy still touches the stream right after 'limit', so stop on the next tick.
      stream.on('limit', () => process.nextTick(() => fail(tooLarge(), true)));
      const pending = options.receive(Readable.toWeb(stream) as ReadableStream<Uint8Array>);
      upload = { fileName: info.filename, declaredType: info.mimeType, stream, pending };
      form.set(name, info.filename ?? '');
      pending.catch((error: unknown) =>
        fail(error instanceof BlobTooLargeError ? tooLarge() : broken ? malformed('the file part ended early') : error, true),
      );
    });
    parser.on('field', (name: string, value: string, info: busboy.FieldInfo) => {
      if (name === options.fileField) problems.push(PROBLEMS.notAFile(name));
      else if (form.has(name)) problems.push(PROBLEMS.sentTwice(name));
      else if (info.valueTruncated) problems.push(PROBLEMS.tooLong(name));
      if (!form.has(name)) form.set(name, value);
    });
    const tooMany = () => problems.push(PROBLEMS.tooMany());
    parser.on('filesLimit', tooMany);
    parser.on('fieldsLimit', tooMany);
    parser.on('error', (error: Error) => fail(malformed(error.message), true));
    parser.on('close', () => {
      if (done) return;
      const check = () => [...problems, ...options.validate(Object.fromEntries(form))];
      if (!upload) {
        const all = check();
        return fail(invalid(all.length > 0 ? all : [PROBLEMS.missing(options.fileField)]), false);
      }
      const { fileName, declaredType, pending } = upload;
      void pending.then(
        (stored) => {
          if (done) return;
          const all = check();
          if (all.length > 0) return fail(invalid(all), false);
          done = true;
          form.delete(options.fileField);
          resolve({ file: { fileName, declaredType, stored }, fields: Object.fromEntries(form) as Record<string, string> });
        },
        () => undefined,
      );
    });
    req.on('close', () => {
      if (!req.complete) fail(malformed('the body ended early'), true);
    });
    req.pipe(parser);
  });
}
