/**
 * Spectral function: every 4xx/5xx (and default) response with a JSON body must use the API's
 * error schema by reference. JSON media types (application/json, anything +json) other than those
 * in the options are reported; non-JSON bodies (an HTML page for a link opened in a browser) are
 * not this rule's business. Runs on the unresolved document (rule option `resolved: false`) so that a
 * `$ref` to `#/components/schemas/Error` is still visible; responses that are themselves `$ref`s
 * to `#/components/responses/...` are followed here by hand and reported where they are defined.
 *
 * Options: `{ schemas: { "<media type>": "<expected $ref>" } }`.
 * Given: a Responses Object (`$.paths[*][*].responses`).
 */

const ERROR_STATUS = /^([45](\d\d|XX)|default)$/;
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/;

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The unescaped tokens of a local ref (`#/components/responses/Not~1Found`). */
function refTokens(ref) {
  return ref
    .slice(2)
    .split('/')
    .map((token) => decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/**
 * Follows a chain of local response `$ref`s by hand (the rule runs unresolved). Returns the
 * response and the path where it is written, or undefined for a ref that leads nowhere or in a
 * circle (spectral:oas's invalid-ref rule reports those).
 */
function followResponse(document, response, path) {
  const seen = new Set();
  let current = response;
  let currentPath = path;
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) return undefined;
    seen.add(ref);
    currentPath = refTokens(ref);
    current = currentPath.reduce((node, key) => (isObject(node) && Object.hasOwn(node, key) ? node[key] : undefined), document);
  }
  return isObject(current) ? { response: current, path: currentPath } : undefined;
}

export default function errorResponseSchema(responses, options, context) {
  if (!isObject(responses)) return [];
  const expectedByMediaType = options.schemas;
  const allowed = Object.entries(expectedByMediaType)
    .map(([mediaType, ref]) => `${mediaType} -> ${ref}`)
    .join(', ');
  const document = context.document.data;
  const results = [];
  for (const [status, value] of Object.entries(responses)) {
    if (!ERROR_STATUS.test(status)) continue;
    const followed = followResponse(document, value, [...context.path, status]);
    if (followed === undefined || !isObject(followed.response.content)) continue;
    const { response, path } = followed;
    for (const [mediaType, media] of Object.entries(response.content)) {
      const bareType = mediaType.split(';')[0].trim().toLowerCase();
      const expected = expectedByMediaType[bareType];
      const mediaPath = [...path, 'content', mediaType];
      if (expected === undefined && !JSON_MEDIA_TYPE.test(bareType)) continue;
      if (expected === undefined) {
        results.push({
          message: `Error response ${status} uses media type ${mediaType}; JSON error bodies must be one of: ${allowed}.`,
          path: mediaPath,
        });
        continue;
      }
      const schema = isObject(media) ? media.schema : undefined;
      const isExpectedRef = isObject(schema) && schema.$ref === expected && Object.keys(schema).length === 1;
      if (!isExpectedRef) {
        results.push({
          message: `Error response ${status} (${mediaType}) must have schema {$ref: '${expected}'}, the API's error schema.`,
          path: isObject(schema) ? [...mediaPath, 'schema'] : mediaPath,
        });
      }
    }
  }
  return results;
}
