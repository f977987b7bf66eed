// Development scaffold: stands in for handlers while they are being written. Deleted once every
// operation has its handler; nothing may import it then.
import { ApiError } from './errors.ts';

export function notYet<K extends string>(ids: readonly K[]): Record<K, () => never> {
  return Object.fromEntries(ids.map((id) => [id, () => { throw new ApiError('NOT_IMPLEMENTED', { detail: `${id} is not written yet` }); }])) as Record<K, () => never>;
}
