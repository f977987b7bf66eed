/**
 * Spectral function: a Media Type Object (resolved) has an example: `example` or a non-empty
 * `examples` on the media type, or `example` on its top-level schema.
 * Returns one finding per media type, worded by the rule's `message`.
 */

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export default function hasExample(media) {
  if (!isObject(media)) return [];
  if ('example' in media) return [];
  if (isObject(media.examples) && Object.keys(media.examples).length > 0) return [];
  if (isObject(media.schema) && 'example' in media.schema) return [];
  return [{ message: 'no example' }];
}
