import { WHOLE_MAP } from './marks.ts';

/**
 * What changed in the state since the last write, as a list of assignments that a log can hold
 * and replay over the state it was written after.
 */
export type Change =
  /** The record of a keyed collection with that key is now this one (added at the end if new). */
  | ['set', string, unknown]
  /** The record with this key is gone. */
  | ['del', string, string]
  /** The whole collection (or value) is now this. */
  | ['all', string, unknown]
  /** In a map (sendCounts, idCounters), this key now holds this value. */
  | ['put', string, string, unknown]
  /** In a map, this key is gone. */
  | ['unset', string, string];

type Json = unknown;
type JsonObject = Record<string, Json>;
type State = Record<string, Json>;

/** How each collection's records are told apart; a collection without one is logged whole when it changes. */
const byField = (field: string) => (record: JsonObject) => {
  const key = record[field];
  return typeof key === 'string' ? key : String(key);
};
const KEYS: Record<string, (record: JsonObject) => string> = {
  users: byField('id'),
  sessions: byField('token'),
  contacts: byField('id'),
  tasks: byField('id'),
  files: byField('id'),
  avatars: byField('id'),
  rooms: byField('roomId'),
  verifications: byField('id'),
  challenges: byField('id'),
  outbox: byField('id'),
  pacePending: byField('userId'),
  sends: (record) => `${String(record.purpose)}|${String(record.destination)}|${String(record.at)}`,
  signInFailures: (record) => `${String(record.login)}|${String(record.at)}`,
};

const isObject = (value: Json): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Equal as JSON would write them: a property holding `undefined` counts as absent. */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) if (!jsonEqual(a[index] ?? null, b[index] ?? null)) return false;
    return true;
  }
  return !Array.isArray(b) && sameRecord(a as JsonObject, b as JsonObject, fieldCount(b as JsonObject));
}

const copy = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

/** How many properties of a record JSON would write. */
function fieldCount(record: JsonObject): number {
  let count = 0;
  for (const key in record) if (record[key] !== undefined) count += 1;
  return count;
}

/**
 * Whether a live record still equals its copy, which holds `fields` properties (counted once,
 * when the copy was made, instead of on every comparison).
 */
function sameRecord(live: JsonObject, copied: JsonObject, fields: number): boolean {
  let count = 0;
  for (const key in live) {
    const value = live[key];
    if (value === undefined) continue;
    count += 1;
    if (!jsonEqual(value, copied[key])) return false;
  }
  return count === fields;
}

/** The shadow of one keyed collection: copies of the records as last logged, in their order. */
interface KeyedShadow {
  kind: 'keyed';
  keyOf: (record: JsonObject) => string;
  records: JsonObject[];
  keys: string[];
  fields: number[];
  /** Where each key is. */
  positions: Map<string, number>;
  /** The live records the copies were taken from, to see which are still in their places. */
  live: JsonObject[];
}

type Shadow = KeyedShadow | { kind: 'value'; value: Json } | { kind: 'map'; value: JsonObject };

/**
 * A copy of the state as it was last written, which `diff` compares the live state against.
 * Comparing costs a walk over the records (no serialisation); only what changed is copied and
 * logged. Given what the services noted (marks.ts), it compares only that: the noted
 * collections, and in a keyed one only the records noted as changed in place (and those
 * added), once a walk over the live records has found each other one still in its place.
 */
export class StateShadow {
  readonly #parts = new Map<string, Shadow>();

  constructor(state: State) {
    for (const [name, value] of Object.entries(state)) this.#parts.set(name, shadowOf(name, value));
  }

  /**
   * The changes that turn the shadow into `state`; the shadow then equals `state`. With
   * `noted`, only the changes noted there: the parts of the state not named in it are taken
   * as unchanged.
   */
  diff(state: State, noted?: ReadonlyMap<string, ReadonlySet<object | string>>): Change[] {
    const changes: Change[] = [];
    for (const [name, value] of Object.entries(state)) {
      const records = noted?.get(name);
      if (noted && !records) continue;
      const part = this.#parts.get(name);
      if (part?.kind === 'keyed' && Array.isArray(value)) {
        if (records && diffNoted(name, part, value, records, changes)) continue;
        if (diffKeyed(name, part, value, changes)) continue;
      }
      if (part?.kind === 'map' && isObject(value)) {
        // Keys noted with changedKeys: only those; a note without keys: the whole map.
        if (records && records.size > 0 && !records.has(WHOLE_MAP)) {
          for (const key of records) if (typeof key === 'string') putKey(name, part.value, value, key, changes);
        } else {
          diffMap(name, part.value, value, changes);
        }
        continue;
      }
      if (part?.kind === 'value' && jsonEqual(value, part.value)) continue;
      changes.push(['all', name, copy(value)]);
      this.#parts.set(name, shadowOf(name, value));
    }
    return changes;
  }
}

function shadowOf(name: string, value: Json): Shadow {
  const keyOf = KEYS[name];
  if (keyOf && Array.isArray(value) && value.every(isObject)) {
    const records = copy(value as JsonObject[]);
    const keys = records.map(keyOf);
    const positions = new Map(keys.map((key, index) => [key, index]));
    // Two records with one key cannot be told apart: such a collection is kept whole.
    if (positions.size === keys.length)
      return { kind: 'keyed', keyOf, records, keys, fields: records.map(fieldCount), positions, live: [...(value as JsonObject[])] };
  }
  if (isObject(value)) return { kind: 'map', value: copy(value) };
  return { kind: 'value', value: copy(value) };
}

/**
 * Adds the `set`/`del` changes of a keyed collection; false when they cannot say it (a key
 * twice, records that moved, a new record before a kept one), and the caller logs the
 * collection whole. A replay keeps records in place and adds new ones at the end, so that is
 * the only order this can log. The usual write (records changed in place, records added at the
 * end) costs one pass comparing each record with its copy at the same place.
 */
function diffKeyed(name: string, shadow: KeyedShadow, records: Json[], changes: Change[]): boolean {
  const { keys } = shadow;
  const changed: number[] = [];
  let index = 0;
  for (; index < keys.length && index < records.length; index += 1) {
    const record = records[index];
    if (!isObject(record) || shadow.keyOf(record) !== keys[index]) break;
    if (!sameRecord(record, shadow.records[index]!, shadow.fields[index]!)) changed.push(index);
  }
  if (index < keys.length) return diffMoved(name, shadow, records, changes);
  const added = records.slice(keys.length);
  if (!canAppend(shadow, added)) return false;
  for (const position of changed) setAt(name, shadow, position, records[position] as JsonObject, changes);
  append(name, shadow, added as JsonObject[], changes);
  shadow.live = [...(records as JsonObject[])];
  return true;
}

/** Whether `added` are records with keys new to the collection and to each other. */
function canAppend(shadow: KeyedShadow, added: Json[]): boolean {
  const addedKeys = new Set<string>();
  for (const record of added) {
    if (!isObject(record)) return false;
    const key = shadow.keyOf(record);
    if (shadow.positions.has(key) || addedKeys.has(key)) return false;
    addedKeys.add(key);
  }
  return true;
}

/** Logs the record now at `position` (same key), and copies it into the shadow. */
function setAt(name: string, shadow: KeyedShadow, position: number, live: JsonObject, changes: Change[]): void {
  const record = copy(live);
  shadow.records[position] = record;
  shadow.fields[position] = fieldCount(record);
  shadow.live[position] = live;
  changes.push(['set', name, record]);
}

function append(name: string, shadow: KeyedShadow, added: JsonObject[], changes: Change[]): void {
  for (const live of added) {
    const record = copy(live);
    const key = shadow.keyOf(record);
    shadow.positions.set(key, shadow.keys.length);
    shadow.records.push(record);
    shadow.keys.push(key);
    shadow.fields.push(fieldCount(record));
    shadow.live.push(live);
    changes.push(['set', name, record]);
  }
}

/**
 * diffKeyed for a collection the services noted: when every record last logged is still the
 * same object in the same place (a pointer comparison each, no walk through their fields), only
 * the records noted as changed are compared with their copies, and those added at the end are
 * logged. False otherwise (a record removed, replaced or moved, a noted record whose key
 * changed), and the caller compares the whole collection.
 */
function diffNoted(name: string, shadow: KeyedShadow, records: Json[], noted: ReadonlySet<object | string>, changes: Change[]): boolean {
  const { live } = shadow;
  if (records.length < live.length) return false;
  for (let index = 0; index < live.length; index += 1) if (records[index] !== live[index]) return false;
  const added = records.slice(live.length);
  if (!canAppend(shadow, added)) return false;
  const changed: number[] = [];
  for (const record of noted) {
    const position = shadow.positions.get(shadow.keyOf(record as JsonObject));
    if (position !== undefined && live[position] === record) {
      if (!sameRecord(record as JsonObject, shadow.records[position]!, shadow.fields[position]!)) changed.push(position);
    } else if (!added.includes(record)) return false;
  }
  for (const position of changed) setAt(name, shadow, position, records[position] as JsonObject, changes);
  append(name, shadow, added as JsonObject[], changes);
  return true;
}

/** The slower case of diffKeyed: some records were removed (or moved, which it cannot log). */
function diffMoved(name: string, shadow: KeyedShadow, records: Json[], changes: Change[]): boolean {
  const position = new Map(shadow.keys.map((key, index) => [key, index]));
  const found: Change[] = [];
  const kept = new Set<string>();
  let next = 0;
  let adding = false;
  for (const record of records) {
    if (!isObject(record)) return false;
    const key = shadow.keyOf(record);
    const at = position.get(key);
    if (kept.has(key)) return false;
    kept.add(key);
    if (at === undefined) {
      adding = true;
      found.push(['set', name, copy(record)]);
      continue;
    }
    // A kept record after a new one, or before one it used to follow: moved.
    if (adding || at < next) return false;
    next = at + 1;
    if (!sameRecord(record, shadow.records[at]!, shadow.fields[at]!)) found.push(['set', name, copy(record)]);
  }
  for (const key of shadow.keys) if (!kept.has(key)) found.push(['del', name, key]);
  changes.push(...found);
  Object.assign(shadow, shadowOf(name, records));
  return true;
}

function diffMap(name: string, shadow: JsonObject, map: JsonObject, changes: Change[]): void {
  for (const key of Object.keys(map)) putKey(name, shadow, map, key, changes);
  for (const key of Object.keys(shadow)) if (map[key] === undefined) putKey(name, shadow, map, key, changes);
}

/** One key of a map: logged as put (set or changed) or unset (removed), and the shadow made equal. */
function putKey(name: string, shadow: JsonObject, map: JsonObject, key: string, changes: Change[]): void {
  const value = map[key];
  if (value === undefined) {
    if (!Object.hasOwn(shadow, key)) return;
    changes.push(['unset', name, key]);
    delete shadow[key];
    return;
  }
  if (typeof value === 'object' && value !== null ? jsonEqual(value, shadow[key]) : shadow[key] === value) return;
  shadow[key] = copy(value);
  changes.push(['put', name, key, shadow[key]]);
}

/** A change in a few words (`set tasks tsk_0001`), for messages. */
export function describeChange(change: Change): string {
  const [kind, name] = change;
  if (kind === 'set') return `set ${name} ${KEYS[name]?.(change[2] as JsonObject) ?? ''}`.trimEnd();
  if (kind === 'all') return `all ${name}`;
  return `${kind} ${name} ${change[2]}`;
}

/** Applies logged changes to a state read from db.json (at start-up, after a crash). */
export function applyChanges(state: State, changes: readonly Change[]): void {
  const indexes = new Map<string, Map<string, number>>();
  const indexOf = (name: string, list: JsonObject[]) => {
    let index = indexes.get(name);
    if (!index) {
      const keyOf = KEYS[name]!;
      index = new Map(list.map((record, position) => [keyOf(record), position]));
      indexes.set(name, index);
    }
    return index;
  };
  for (const change of changes) {
    const name = change[1];
    if (change[0] === 'all') {
      state[name] = change[2];
      indexes.delete(name);
    } else if (change[0] === 'put' || change[0] === 'unset') {
      const map = (isObject(state[name]) ? state[name] : (state[name] = {})) as JsonObject;
      if (change[0] === 'put') map[change[2]] = change[3];
      else delete map[change[2]];
    } else {
      const list = (Array.isArray(state[name]) ? state[name] : (state[name] = [])) as JsonObject[];
      const index = indexOf(name, list);
      const key = change[0] === 'del' ? change[2] : KEYS[name]!(change[2] as JsonObject);
      const position = index.get(key);
      if (change[0] === 'set') {
        if (position === undefined) index.set(key, list.push(change[2] as JsonObject) - 1);
        else list[position] = change[2] as JsonObject;
      } else if (position !== undefined) {
        list.splice(position, 1);
        indexes.delete(name);
      }
    }
  }
}
