import type { MockContext, Snapshot } from '../context.ts';
import { ApiError } from '../../lib/api-error.ts';
import { bytesOf, streamOf } from '../../store/bytes.ts';
import type { BlobStore } from '../../store/memory-blobs.ts';
import type { Data } from '../../store/data.ts';
import type { ControlHandlers } from './types.ts';

/** The bytes behind every file and avatar of the data, so a restore brings them back too. */
async function copyBlobs(blobs: BlobStore, data: Data): Promise<Map<string, Uint8Array>> {
  const copies = new Map<string, Uint8Array>();
  for (const { blob } of [...data.files, ...data.avatars]) {
    const stream = await blobs.get(blob);
    if (stream) copies.set(blob, await bytesOf(stream));
  }
  return copies;
}

export function stateHandlers(
  context: MockContext,
): Pick<ControlHandlers, 'resetState' | 'listSnapshots' | 'createSnapshot' | 'restoreSnapshot'> {
  return {
    resetState: async () => {
      await context.reset();
      return { status: 200, body: { message: 'RESET' } };
    },
    listSnapshots: () => ({
      status: 200,
      body: [...context.snapshots.values()].reverse().map(({ name, createdAt }) => ({ name, createdAt })),
    }),
    createSnapshot: async ({ params }) => {
      const data = context.data();
      const snapshot: Snapshot = {
        name: params.name,
        createdAt: context.clock.iso(),
        data: JSON.stringify(data),
        clockOffsetMs: context.clock.offsetMs,
        blobs: await copyBlobs(context.blobs, data),
      };
      // Deleted first so that a replaced snapshot counts as the newest.
      context.snapshots.delete(params.name);
      context.snapshots.set(params.name, snapshot);
      return { status: 201, body: { name: snapshot.name, createdAt: snapshot.createdAt } };
    },
    restoreSnapshot: async ({ params }) => {
      const snapshot = context.snapshots.get(params.name);
      if (!snapshot) throw new ApiError('NOT_FOUND', { detail: `no snapshot named ${params.name}` });
      for (const [key, bytes] of snapshot.blobs) await context.blobs.put(key, streamOf(bytes), Number.MAX_SAFE_INTEGER);
      await context.store.replace(JSON.parse(snapshot.data) as Data);
      context.clock.reset();
      context.clock.advance(snapshot.clockOffsetMs);
      context.bus.emit('reset', { message: 'RESTORED', name: snapshot.name });
      return { status: 200, body: { name: snapshot.name, restoredAt: context.clock.iso() } };
    },
  };
}
