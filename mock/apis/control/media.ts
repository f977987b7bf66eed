import type { BlobStore } from '../../store/memory-blobs.ts';
import { ApiError } from '../../lib/api-error.ts';
import { inlineDisposition } from './content-disposition.ts';
import type { ControlHandlers } from './types.ts';

/** Types a browser would run as a page: sandboxed, so an upload cannot script the mock's origin. */
const ACTIVE_TYPES = /^(text\/html|text\/xml|application\/xml)$|\+xml$/;
const EXTENSIONS = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' } as const;

interface Stored {
  blob: string;
  name: string;
  mimeType: string;
  size: number;
}

async function serve(blobs: BlobStore, stored: Stored | undefined) {
  const stream = stored && (await blobs.get(stored.blob));
  if (!stored || !stream) throw new ApiError('NOT_FOUND');
  const headers: Record<string, string> = {
    'Content-Disposition': inlineDisposition(stored.name),
    'Content-Length': String(stored.size),
    'X-Content-Type-Options': 'nosniff',
  };
  if (ACTIVE_TYPES.test(stored.mimeType.toLowerCase())) headers['Content-Security-Policy'] = 'sandbox';
  return { status: 200 as const, headers, contentType: stored.mimeType, stream };
}

export const mediaHandlers: Pick<ControlHandlers, 'getFileContent' | 'getAvatarContent'> = {
  getFileContent: ({ params, world }) =>
    serve(
      world.blobs,
      world.data().files.find((file) => file.id === params.id),
    ),
  getAvatarContent: ({ params, world }) => {
    const avatar = world.data().avatars.find((candidate) => candidate.id === params.id);
    return serve(world.blobs, avatar && { ...avatar, name: `${avatar.id}.${EXTENSIONS[avatar.mimeType]}` });
  },
};
