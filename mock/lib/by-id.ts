/**
 * Finds a record by a key in one of the store's arrays through an index built on first use.
 * The services replace an array to remove records (`filter`) and append with `push`; they never
 * splice, swap a record in place or change a record's key. So an index kept per array object is
 * right for the records it has seen, and when the array has grown only the records pushed since
 * are added (a POST between two reads costs one entry, not a new index of every record); it is
 * rebuilt when the array is shorter than it was.
 */
const indexes = new WeakMap<readonly object[], { size: number; key: string; map: Map<string, object> }>();

export function findBy<T extends object, K extends keyof T & string>(list: readonly T[], key: K, value: string): T | undefined {
  let index = indexes.get(list);
  if (!index || index.size > list.length || index.key !== key) {
    index = { size: 0, key, map: new Map<string, object>() };
    indexes.set(list, index);
  }
  for (let at = index.size; at < list.length; at += 1) {
    const item = list[at]!;
    index.map.set(String(item[key]), item);
  }
  index.size = list.length;
  return index.map.get(value) as T | undefined;
}
