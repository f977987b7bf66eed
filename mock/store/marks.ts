import type { Data } from './data.ts';

export type Collection = keyof Data;
type RecordOf<K extends Collection> = Data[K] extends readonly (infer R)[] ? R : never;
/** The collections that are maps of key to value (not lists of records). */
type MapCollection = {
  [K in Collection]: Data[K] extends readonly unknown[] ? never : Data[K] extends Record<string, unknown> ? K : never;
}[Collection];

/**
 * What was noted of one state since its store's last write: per collection, the records changed
 * in place (a list) or the keys set or removed (a map).
 */
export type Noted = ReadonlyMap<Collection, ReadonlySet<object | string>>;

/** How many changes were noted of one collection, ever: what indexes derived from it compare. */
export interface Versions {
  /** Every change noted. */
  all: number;
  /** The changes that named records changed in place (not only records added or removed). */
  inPlace: number;
}

interface Marks {
  noted: Map<Collection, Set<object | string>>;
  versions: Map<Collection, Versions>;
}

const marks = new WeakMap<Data, Marks>();

function marksOf(data: Data): Marks {
  let found = marks.get(data);
  if (!found) {
    found = { noted: new Map(), versions: new Map() };
    marks.set(data, found);
  }
  return found;
}

/**
 * Notes a change to the state, in the same turn as the change: records added to `collection` or
 * removed from it (with `push` or a new array), keys set or removed in a map, and each record
 * of `records` changed in place. A store writes only what was noted: it compares the noted
 * records with its copy instead of the whole state, and a commit with nothing noted costs no
 * comparison and no disk. A change never noted is lost on restart, so every change is noted;
 * the tests run with `checkNotedChanges(true)`, which fails a commit on any change not noted.
 */
export function changed<K extends Collection>(data: Data, collection: K, ...records: RecordOf<K>[]): void {
  note(data, collection, records as object[]);
}

/**
 * Notes the keys of a map (`sendCounts`, `idCounters`) that were set or removed: a store then
 * compares those keys only, instead of every key the map ever held.
 */
export function changedKeys<K extends MapCollection>(data: Data, collection: K, ...keys: string[]): void {
  note(data, collection, keys);
}

/** Noted of a map changed without keys named: the store compares the whole map. */
export const WHOLE_MAP: object = Object.freeze({});

function note(data: Data, collection: Collection, items: readonly (object | string)[]): void {
  const { noted, versions } = marksOf(data);
  let set = noted.get(collection);
  if (!set) {
    set = new Set();
    noted.set(collection, set);
  }
  for (const item of items) set.add(item);
  if (items.length === 0 && !Array.isArray(data[collection])) set.add(WHOLE_MAP);
  const version = versions.get(collection);
  if (version) {
    version.all += 1;
    if (items.length > 0) version.inPlace += 1;
  } else versions.set(collection, { all: 1, inPlace: items.length > 0 ? 1 : 0 });
}

/** Whether anything was noted of this state since the last `takeNoted`. */
export function hasNoted(data: Data): boolean {
  return (marks.get(data)?.noted.size ?? 0) > 0;
}

/** What was noted of this state, forgotten here: the store's write takes it. */
export function takeNoted(data: Data): Noted {
  const found = marks.get(data);
  if (!found || found.noted.size === 0) return new Map();
  const { noted } = found;
  found.noted = new Map();
  return noted;
}

/** Numbers that move with the changes noted of the collection: an index built at one version is stale at another. */
export function versionsOf(data: Data, collection: Collection): Readonly<Versions> {
  return marks.get(data)?.versions.get(collection) ?? { all: 0, inPlace: 0 };
}

let checking = false;

/**
 * Test aid: stores created while this is on compare the whole state at every commit as well
 * and fail it (an Error, so a 500) on a change that was not noted with `changed`. Off in the
 * mock itself.
 */
export function checkNotedChanges(on: boolean): void {
  checking = on;
}

export const isCheckingNotedChanges = () => checking;
