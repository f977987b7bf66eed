import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { isJsonObject, type JsonObject } from '../../spec/lib/json-pointer.ts';
import type { OperationSpec } from '../../spec/lib/compiled-spec.ts';
import { encodeMultipart, type FormPart } from '../lib/form-data.ts';
import { TOKENS } from '../testing.ts';
import type { SentRequest } from './http-client.ts';
import { resolve, schemaArbitrary } from './schema-arbitrary.ts';

/** A generated request and what kind of bad input it carries (for the counts). */
export interface FuzzRequest extends SentRequest {
  kind: string;
}

// --- values -------------------------------------------------------------------------------------

const SPECIAL_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u0000\u0001\u001f\u007f',
  '\r\n\r\nX-Injected: 1',
  '../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%ZZ',
  '\u202eevil.txt',
  '\ud800',
  '\udfff',
  '\ufeff',
  '\uffff',
  'ǅ',
  'İ',
  'ß'.repeat(50),
  '🦄👩‍👩‍👧‍👦🇨🇭',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e309',
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'usr_bob',
  'tsk_0006',
  'fil_0003',
  '+41798887766',
  'bob@example.com',
  '000000',
  '123456',
] as const;

const SPECIAL_NUMBERS = [
  0,
  -0,
  -1,
  1.5,
  0.1,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  1e21,
  100001,
  101,
] as const;

/** A string of up to 120 000 characters, often far over every maxLength in the specs. */
const hugeString = fc
  .tuple(fc.integer({ min: 256, max: 120_000 }), fc.constantFrom('x', '🦄', 'ä', '\u0001', '\\', '"'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));

export const weirdString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPECIAL_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)), maxLength: 20 }) },
  { weight: 1, arbitrary: hugeString },
);

const weirdNumber = fc.oneof(fc.constantFrom(...SPECIAL_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());

/** Any JSON value a client could send where another was expected. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: weirdString },
  { weight: 3, arbitrary: weirdNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom([], {}, [[]], [null], { '': '' }) },
  { weight: 1, arbitrary: fc.array(weirdString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

const extraKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'ownerId', 'userId', 'status', 'isAdmin', 'role', '$where', ''),
  fc.string({ maxLength: 20 }),
);

/** Sets a key as an own property, also `__proto__`, so that JSON.stringify sends it. */
function put(target: JsonObject | unknown[], key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Every place in a JSON value (root first) as a key path. */
function placesIn(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const inner = Array.isArray(value)
    ? value.flatMap((item, index) => placesIn(item, [...path, index]))
    : isJsonObject(value)
      ? Object.entries(value).flatMap(([key, item]) => placesIn(item, [...path, key]))
      : [];
  return [path, ...inner];
}

function at(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

type Mutation = 'drop' | 'extra' | 'replace' | 'wrap';

/** One change that (usually) breaks a valid body: a field dropped, one added, one of another type or size. */
function mutate(valid: unknown, mutation: Mutation, pick: number, weird: unknown, key: string): unknown {
  const copy = structuredClone(valid);
  const places = placesIn(copy);
  const path = places[pick % places.length] ?? [];
  if (path.length === 0) return mutation === 'wrap' ? [copy] : mutation === 'replace' ? weird : copy;
  const parent = at(copy, path.slice(0, -1)) as JsonObject | unknown[];
  const last = path.at(-1) as string | number;
  if (mutation === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (mutation === 'extra') {
    const target = at(copy, path);
    if (isJsonObject(target)) put(target, key, weird);
    else if (Array.isArray(target)) target.push(weird);
    else if (!Array.isArray(parent)) put(parent, key, weird);
  } else if (mutation === 'wrap') {
    put(parent, last, [at(copy, path)]);
  } else {
    put(parent, last, weird);
  }
  return copy;
}

// --- bodies -------------------------------------------------------------------------------------

interface Body {
  kind: string;
  contentType?: string | string[];
  bytes?: Buffer;
  encoding?: string;
  chunked?: boolean;
}

const MALFORMED_JSON = [
  '{',
  '}',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '{a:1}',
  '[1,2',
  'nul',
  'NaN',
  'Infinity',
  '-',
  '01',
  '1.',
  '.5',
  '"\\x41"',
  '"\\ud800"',
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  '\ufeff{}',
  '{"a":"\u0000"}',
  '{"a":"line\nbreak"}',
  ' ',
  '\t\r\n',
  '/* c */ {}',
  '{"a":1 // c\n}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  'true',
  'false',
  'null',
  '0',
  '-1',
  '"text"',
  '[]',
  '[{}]',
  '{"":""}',
] as const;

const rawText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MALFORMED_JSON) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
);

const rawBytes = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom(
    Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
    Buffer.from([0xc0, 0xaf]),
    Buffer.from([0xed, 0xa0, 0x80]),
    Buffer.from('{"a":"\xe9"}', 'latin1'),
  ),
);

/** Content types for a JSON operation, the documented one first. */
function contentTypes(documented: string): fc.Arbitrary<string | string[] | undefined> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(documented) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        `${documented}; charset=utf-8`,
        `${documented.toUpperCase()}`,
        `${documented};charset="UTF-8"`,
        `${documented}; foo=bar; charset=utf-8`,
      ),
    },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        undefined,
        '',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json; charset=latin1',
        'application/json; charset=utf-16',
        `${documented}; charset=nonsense`,
        'application/vnd.api+json',
        'application/json',
        'application/merge-patch+json',
        '*/*',
        'application/*',
        ';;;',
        'application/json; charset',
        'garbage',
        'text/html; charset=utf-8',
        [documented, 'text/plain'],
        ['text/plain', documented],
      ),
    },
  );
}

function jsonBodies(document: JsonObject, documented: string, schema: unknown, examples: unknown[]): fc.Arbitrary<Body> {
  const valid = fc.oneof(...examples.map((example) => fc.constant(example)), schemaArbitrary(document, schema));
  const mutated = fc
    .tuple(valid, fc.constantFrom<Mutation>('drop', 'extra', 'replace', 'replace', 'wrap'), fc.nat(), weirdValue, extraKey)
    .map(([value, mutation, pick, weird, key]) => ({
      kind: `json-${mutation}`,
      text: JSON.stringify(mutate(value, mutation, pick, weird, key)) ?? 'null',
    }));
  const text = fc.oneof(
    { weight: 3, arbitrary: valid.map((value) => ({ kind: 'json-valid', text: JSON.stringify(value) })) },
    { weight: 6, arbitrary: mutated },
    { weight: 3, arbitrary: rawText.map((raw) => ({ kind: 'json-malformed', text: raw })) },
    {
      weight: 1,
      arbitrary: valid.map((value) => ({
        kind: 'json-duplicate-keys',
        text: JSON.stringify(value).replace(/^\{"([^"]+)":/, '{"$1":1,"$1":'),
      })),
    },
    { weight: 1, arbitrary: valid.map((value) => ({ kind: 'json-truncated', text: JSON.stringify(value).slice(0, -1) })) },
  );
  return fc.oneof(
    {
      weight: 20,
      arbitrary: fc
        .tuple(text, contentTypes(documented), fc.boolean())
        .map(([{ kind, text: body }, contentType, chunked]) => ({ kind, contentType, bytes: Buffer.from(body), chunked })),
    },
    { weight: 2, arbitrary: rawBytes.map((bytes) => ({ kind: 'json-bytes', contentType: documented, bytes })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { kind: 'no-body' },
        { kind: 'empty-body', contentType: documented, bytes: Buffer.alloc(0) },
        { kind: 'empty-chunked', contentType: documented, bytes: Buffer.alloc(0), chunked: true },
      ),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.constantFrom('gzip', 'deflate', 'br', 'compress', 'x-unknown', 'identity', 'GZIP', 'gzip, gzip'), fc.boolean())
        .map(([value, encoding, packed]) => ({
          kind: `encoding-${encoding}${packed ? '' : '-not-encoded'}`,
          contentType: documented,
          bytes: packed && encoding.toLowerCase() === 'gzip' ? gzipSync(JSON.stringify(value)) : Buffer.from(JSON.stringify(value)),
          encoding,
        })),
    },
    // Over the 1 MB JSON limit: 413, without the server keeping the body.
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(1024 * 1024 + 1, 1_300_000)
        .map((size) => ({ kind: 'json-over-1mb', contentType: documented, bytes: Buffer.from(`{"title":"${'a'.repeat(size)}"}`) })),
    },
  );
}

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const fileBytes = fc.oneof(
  fc.constantFrom(
    PNG,
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]),
    Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'),
    Buffer.from('%PDF-1.7\n'),
    Buffer.from('GIF89a'),
    Buffer.from('hello\n'),
    Buffer.alloc(0),
    Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  ),
  fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((text) => Buffer.from(text)),
);

const fileName = fc.oneof(
  fc.constantFrom(
    'photo.png',
    'notes.txt',
    '../../etc/passwd',
    '..\\..\\boot.ini',
    '/etc/shadow',
    'C:\\x\\y.png',
    '',
    '.',
    '..',
    '.htaccess',
    'a\u0000b.png',
    'con.txt',
    'x'.repeat(1000),
    '🦄.png',
    'evil\u202egnp.exe',
    'a"b.png',
    'a\r\nb.png',
    '%2e%2e%2fx',
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

const declaredType = fc.constantFrom(
  'image/png',
  'image/jpeg',
  'image/webp',
  'text/plain',
  'application/octet-stream',
  'application/pdf',
  'text/html',
  'application/x-msdownload',
  '',
  'garbage',
  'image/svg+xml',
);

const formPart: fc.Arbitrary<FormPart> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ name: fc.constant('file'), value: fileBytes, filename: fileName, contentType: declaredType }) },
  {
    weight: 2,
    arbitrary: fc.record({
      name: fc.constantFrom('description', 'taskId', 'file', 'extra', '', '__proto__'),
      value: fc.oneof(weirdString, fc.constantFrom('tsk_0001', 'tsk_0006', 'A note')),
    }),
  },
  { weight: 1, arbitrary: fc.record({ name: fc.constantFrom('file', 'other'), value: fileBytes, filename: fileName }) },
);

function multipartBodies(documented: string): fc.Arbitrary<Body> {
  const form = fc
    .tuple(fc.array(formPart, { maxLength: 5 }), fc.constantFrom('----fuzz-boundary', 'x', 'a'.repeat(70), '"quoted"', '--'))
    .map(([parts, boundary]) => {
      const encoded = encodeMultipart(parts, boundary.replace(/"/g, ''));
      return { parts, boundary, ...encoded };
    });
  return fc.oneof(
    { weight: 6, arbitrary: form.map(({ body, contentType }) => ({ kind: 'multipart-form', contentType, bytes: body })) },
    {
      weight: 2,
      arbitrary: fc.tuple(form, fc.nat()).map(([{ body, contentType }, cut]) => ({
        kind: 'multipart-truncated',
        contentType,
        bytes: body.subarray(0, cut % (body.length + 1)),
      })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          form,
          fc.constantFrom(
            'multipart/form-data',
            'multipart/form-data; boundary=',
            'multipart/form-data; boundary=other',
            'multipart/mixed; boundary=----fuzz-boundary',
            'application/json',
            'text/plain',
            undefined,
            `${documented}; boundary="unterminated`,
          ),
        )
        .map(([{ body }, contentType]) => ({ kind: 'multipart-wrong-type', contentType, bytes: body })),
    },
    {
      weight: 1,
      arbitrary: rawBytes.map((bytes) => ({
        kind: 'multipart-garbage',
        contentType: 'multipart/form-data; boundary=----fuzz-boundary',
        bytes,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 21, max: 60 }).map((count) => ({
        kind: 'multipart-many-parts',
        ...partsBody(Array.from({ length: count }, (_, index) => ({ name: `f${index}`, value: 'x' }))),
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        kind: 'multipart-huge-field',
        ...partsBody([
          { name: 'description', value: 'd'.repeat(20_000) },
          { name: 'file', value: 'x', filename: 'x.txt' },
        ]),
      }),
    },
  );
}

function partsBody(parts: FormPart[]): { contentType: string; bytes: Buffer } {
  const { body, contentType } = encodeMultipart(parts);
  return { contentType, bytes: body };
}

// --- parameters and headers ---------------------------------------------------------------------

/** Whether a string has no lone surrogate (encodeURIComponent throws on one). */
function encodable(text: string): boolean {
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

const KNOWN_IDS = [
  'tsk_0001',
  'tsk_0005',
  'tsk_0006',
  'tsk_9999',
  'fil_0001',
  'fil_0003',
  'fil_0004',
  'cnt_0001',
  'cnt_0004',
  'usr_alice',
  'usr_bob',
  'ava_0001',
] as const;
/** Written into the path as they are (no encoding): bad escapes, dot segments, encoded slashes. */
const RAW_SEGMENTS = [
  '%ZZ',
  '%E0%A4%A',
  '%',
  '%00',
  '%2F',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..',
  '.',
  '%C0%AE',
  '%FF%FE',
  'a%20b',
  '~',
  ';',
  'tsk_0001;x=1',
  '%F0%9F%A6%84',
  '%u0041',
  'tsk_0001%0d%0aX-Injected:%201',
] as const;

function pathValue(document: JsonObject, schema: unknown): fc.Arbitrary<{ raw: string; kind: string }> {
  const encode = (kind: string) => (value: unknown) => ({ raw: encodeURIComponent(String(value)), kind });
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...KNOWN_IDS).map(encode('path-known')) },
    { weight: 2, arbitrary: schemaArbitrary(document, schema).map(encode('path-valid')) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS).map((raw) => ({ raw, kind: 'path-raw' })) },
    {
      weight: 2,
      arbitrary: weirdString.filter((text) => text.length > 0 && text.length < 4000 && encodable(text)).map(encode('path-weird')),
    },
    { weight: 1, arbitrary: fc.integer({ min: 65, max: 3000 }).map((n) => ({ raw: 'a'.repeat(n), kind: 'path-too-long' })) },
  );
}

function queryValue(document: JsonObject, schema: unknown): fc.Arbitrary<string[]> {
  const resolved = resolve(document, schema);
  const one = fc.oneof(
    { weight: 4, arbitrary: schemaArbitrary(document, schema).map((value) => encodeURIComponent(String(value))) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        '0',
        '-1',
        '1.5',
        '1e3',
        '101',
        '100001',
        '9'.repeat(400),
        'abc',
        'true',
        'null',
        '%ZZ',
        '%00',
        '[]',
        '{}',
        '+1',
        '%201',
        '0x10',
        'Infinity',
      ),
    },
    { weight: 2, arbitrary: weirdString.filter((text) => text.length < 3000 && encodable(text)).map((text) => encodeURIComponent(text)) },
  );
  // Repeated parameters (`page=1&page=2`) as well as single ones.
  return resolved.type === undefined && resolved.enum === undefined
    ? fc.array(one, { minLength: 1, maxLength: 1 })
    : fc.array(one, { minLength: 1, maxLength: 3 });
}

const headerValue = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((code) => String.fromCharCode(code)),
  maxLength: 60,
});

function authorization(paceApi: boolean): fc.Arbitrary<{ value: string | string[] | undefined; kind: string }> {
  const users = Object.values(TOKENS);
  const as = (kind: string) => (value: string | string[] | undefined) => ({ value, kind });
  return fc.oneof(
    {
      weight: 14,
      arbitrary: fc
        .constantFrom(...(paceApi ? users.filter((token) => !token.includes('erin')) : users))
        .map((token) => as('auth-valid')(`Bearer ${token}`)),
    },
    { weight: 1, arbitrary: fc.constant(as('auth-none')(undefined)) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(
          'Bearer',
          'Bearer ',
          'Basic YWxpY2U6c2VjcmV0',
          `bearer ${TOKENS.alice}`,
          `Bearer  ${TOKENS.alice}  `,
          `Bearer ${TOKENS.alice} extra`,
          `Token ${TOKENS.alice}`,
          `Bearer ${'a'.repeat(8000)}`,
          `Bearer ${TOKENS.erin}`,
          'Bearer pm8_fixture_alice_0000000000000001',
          [`Bearer ${TOKENS.alice}`, `Bearer ${TOKENS.bob}`],
          ['Bearer garbage', `Bearer ${TOKENS.alice}`],
        )
        .map(as('auth-odd')),
    },
    { weight: 1, arbitrary: headerValue.map((value) => as('auth-garbage')(`Bearer ${value}`)) },
  );
}

const extraHeaders: fc.Arbitrary<Record<string, string | string[]>> = fc.record(
  {
    accept: fc.constantFrom(
      '*/*',
      'application/json',
      'application/vnd.api+json',
      'text/html',
      'application/vnd.api+json;q=0',
      'garbage;;;',
      'application/*',
      '',
      ['application/json', 'text/html'],
    ),
    prefer: fc.constantFrom('return=minimal', 'latency=abc', 'code=abc', 'code=99', 'code=4040', 'latency=1', 'handling=strict', ''),
    expect: fc.constantFrom('100-continue', 'something-else'),
    connection: fc.constantFrom('close', 'keep-alive', 'Upgrade'),
    upgrade: fc.constantFrom('websocket', 'h2c'),
    'x-forwarded-for': fc.constantFrom('127.0.0.1', 'garbage', '::1, 10.0.0.1'),
    'x-http-method-override': fc.constantFrom('DELETE', 'PUT', 'GET'),
    origin: fc.constantFrom('http://evil.example', 'null'),
    range: fc.constantFrom('bytes=0-0', 'bytes=garbage'),
    'x-fuzz': headerValue,
    'x-fuzz-long': fc.integer({ min: 100, max: 6000 }).map((n) => 'v'.repeat(n)),
  },
  { requiredKeys: [] },
);

// --- requests -----------------------------------------------------------------------------------

function parametersOf(document: JsonObject, operation: OperationSpec): JsonObject[] {
  const item = resolve(document, (document.paths as JsonObject)[operation.path]);
  const own = resolve(document, item[operation.method]);
  return [...(Array.isArray(item.parameters) ? item.parameters : []), ...(Array.isArray(own.parameters) ? own.parameters : [])].map(
    (parameter) => resolve(document, parameter),
  );
}

function examplesOf(media: unknown): unknown[] {
  if (!isJsonObject(media)) return [];
  const list = media.example !== undefined ? [media.example] : [];
  if (isJsonObject(media.examples))
    for (const example of Object.values(media.examples)) if (isJsonObject(example) && example.value !== undefined) list.push(example.value);
  return list;
}

/**
 * Requests to one operation of a spec, most of them bad in one or more ways: path and query
 * parameters out of range, odd or huge; bodies malformed, of the wrong type or shape, huge, with
 * unicode and control characters; wrong, missing and duplicated content types; garbage, missing,
 * foreign and duplicated tokens; and odd headers. Some are valid, so that the operation also runs.
 */
export function requestArbitrary(document: JsonObject, operation: OperationSpec, prefix: string): fc.Arbitrary<FuzzRequest> {
  const parameters = parametersOf(document, operation);
  const pathParameters = parameters.filter((parameter) => parameter.in === 'path');
  const queryParameters = parameters.filter((parameter) => parameter.in === 'query');
  const path = fc.tuple(...pathParameters.map((parameter) => pathValue(document, parameter.schema))).map((values) => {
    let built = operation.path;
    pathParameters.forEach((parameter, index) => (built = built.replace(`{${String(parameter.name)}}`, values[index]?.raw ?? '')));
    return { path: `${prefix}${built}`, kinds: values.map((value) => value.kind) };
  });
  const query = fc
    .tuple(
      fc.record(Object.fromEntries(queryParameters.map((parameter) => [String(parameter.name), queryValue(document, parameter.schema)])), {
        requiredKeys: [],
      }),
      fc.array(
        fc.tuple(
          fc.constantFrom('x', 'page[a]', '__proto__', 'constructor[prototype]', '%ZZ', 'a'.repeat(300), ''),
          fc.constantFrom('1', '', '%ZZ'),
        ),
        { maxLength: 2 },
      ),
    )
    .map(([known, extra]) => {
      const pairs = [
        ...Object.entries(known).flatMap(([name, values]) => (values ?? []).map((value) => `${name}=${value}`)),
        ...extra.map(([name, value]) => `${name}=${value}`),
      ];
      return pairs.length > 0 ? `?${pairs.join('&')}` : '';
    });
  const content = operation.requestBody ? [...operation.requestBody.media.keys()] : [];
  const documented = content[0];
  const requestBody = resolve(
    document,
    resolve(document, resolve(document, (document.paths as JsonObject)[operation.path])[operation.method]).requestBody,
  );
  const media = documented && isJsonObject(requestBody.content) ? requestBody.content[documented] : undefined;
  const body: fc.Arbitrary<Body> = !documented
    ? fc.oneof(
        { weight: 9, arbitrary: fc.constant<Body>({ kind: 'no-body' }) },
        {
          weight: 1,
          arbitrary: rawText.map((text) => ({ kind: 'unexpected-body', contentType: 'application/json', bytes: Buffer.from(text) })),
        },
      )
    : documented.startsWith('multipart/')
      ? multipartBodies(documented)
      : jsonBodies(document, documented, isJsonObject(media) ? media.schema : {}, examplesOf(media));
  return (
    fc
      .record({ path, query, body, auth: authorization(prefix.startsWith('/user')), headers: extraHeaders })
      .map(({ path: built, query: search, body: chosen, auth, headers }) => {
        const sent: Record<string, string | string[]> = { ...headers };
        if (auth.value !== undefined) sent.authorization = auth.value;
        if (chosen.contentType !== undefined) sent['content-type'] = chosen.contentType;
        if (chosen.encoding !== undefined) sent['content-encoding'] = chosen.encoding;
        if (sent.upgrade !== undefined) sent.connection = 'Upgrade';
        return {
          method: operation.method.toUpperCase(),
          path: `${built.path}${search}`,
          headers: sent,
          ...(chosen.bytes !== undefined ? { body: chosen.bytes } : {}),
          ...(chosen.chunked ? { chunked: true } : {}),
          kind: [chosen.kind, ...built.kinds, auth.kind].join('+'),
        };
      })
      // The mock's magic destinations answer a documented 502 (delivery failed) on purpose.
      .filter((request) => !/0\s*0\s*0\s*0"|fail\.example/i.test(request.body?.toString('latin1') ?? ''))
  );
}
