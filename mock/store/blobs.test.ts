import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesOf, streamOf } from './bytes.ts';
import { BlobTooLargeError, createFileBlobStore, createMemoryBlobStore, type BlobStore } from './blobs.ts';

const folders: string[] = [];
function folder(): string {
  const made = mkdtempSync(join(tmpdir(), 'pm8-blobs-'));
  folders.push(made);
  return made;
}
afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});

const read = async (blobs: BlobStore, key: string) => {
  const stream = await blobs.get(key);
  return stream && new TextDecoder().decode(await bytesOf(stream));
};
const put = (blobs: BlobStore, key: string, text: string, limit = 1000) => blobs.put(key, streamOf(new TextEncoder().encode(text)), limit);

describe.each([
  ['file', (base: string) => createFileBlobStore(join(folder(), 'media'), base)],
  ['memory', (base: string) => createMemoryBlobStore(base)],
] as const)('%s blob store over the fixtures media', (_kind, create) => {
  function setup() {
    const base = folder();
    writeFileSync(join(base, 'fil_0001'), 'fixture bytes');
    return { base, blobs: create(base) };
  }

  it('reads a key it does not hold from the base, and answers undefined for a key nowhere', async () => {
    const { blobs } = setup();
    expect(await read(blobs, 'fil_0001')).toBe('fixture bytes');
    expect(await blobs.get('fil_0404')).toBeUndefined();
  });

  it('serves its own bytes over the base, and never writes into the base', async () => {
    const { base, blobs } = setup();
    expect(await put(blobs, 'fil_0001', 'restored')).toMatchObject({ size: 8 });
    await put(blobs, 'fil_0002', 'uploaded');
    expect(await read(blobs, 'fil_0001')).toBe('restored');
    expect(await read(blobs, 'fil_0002')).toBe('uploaded');
    expect(readdirSync(base)).toEqual(['fil_0001']);
  });

  it('hides a deleted base key until it is put again or the store is cleared; the base file stays', async () => {
    const { base, blobs } = setup();
    await blobs.delete('fil_0001');
    expect(await blobs.get('fil_0001')).toBeUndefined();
    expect(readdirSync(base)).toEqual(['fil_0001']);
    await put(blobs, 'fil_0001', 'again');
    expect(await read(blobs, 'fil_0001')).toBe('again');
    await blobs.delete('fil_0001');
    await blobs.clear();
    expect(await read(blobs, 'fil_0001')).toBe('fixture bytes');
  });

  it('clear drops every upload', async () => {
    const { blobs } = setup();
    await put(blobs, 'fil_0002', 'uploaded');
    await blobs.clear();
    expect(await blobs.get('fil_0002')).toBeUndefined();
  });

  it('refuses a stream over the limit and keeps nothing of it', async () => {
    const { blobs } = setup();
    await expect(put(blobs, 'fil_0003', 'x'.repeat(20), 10)).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await blobs.get('fil_0003')).toBeUndefined();
  });
});
