import type { MockContext } from '../context.ts';
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

export function mediaHandlers(context: MockContext): Pick<ControlHandlers, 'getFileContent' | 'getAvatarContent'> {
  const serve = async (stored: Stored | undefined) => {
    const stream = stored && (await context.blobs.get(stored.blob));
    if (!stored || !stream) throw new ApiError('NOT_FOUND');
    const headers: Record<string, string> = {
      'Content-Disposition': inlineDisposition(stored.name),
      'Content-Length': String(stored.size),
      'X-Content-Type-Options': 'nosniff',
    };
    if (ACTIVE_TYPES.test(stored.mimeType.toLowerCase())) headers['Content-Security-Policy'] = 'sandbox';
    return { status: 200 as const, headers, contentType: stored.mimeType, stream };
  };
  return {
    getFileContent: ({ params }) => serve(context.data().files.find((file) => file.id === params.id)),
    getAvatarContent: ({ params }) => {
      const avatar = context.data().avatars.find((candidate) => candidate.id === params.id);
      return serve(avatar && { ...avatar, name: `${avatar.id}.${EXTENSIONS[avatar.mimeType]}` });
    },
  };
}
