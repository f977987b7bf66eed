/**
 * Finds a record by a key in one of the store's arrays through an index built on first use.
 * The services replace an array to remove records (`filter`) and append with `push`; they never
 * splice, swap a record in place or change a record's key. So an index kept per array object is
 * right as long as the array's length is the one it was built at; it is rebuilt otherwise.
 */
const indexes = new WeakMap<readonly object[], { size: number; key: string; map: Map<string, object> }>();

export function findBy<T extends object, K extends keyof T & string>(list: readonly T[], key: K, value: string): T | undefined {
  let index = indexes.get(list);
  if (!index || index.size !== list.length || index.key !== key) {
    const map = new Map<string, object>();
    for (const item of list) map.set(String(item[key]), item);
    index = { size: list.length, key, map };
    indexes.set(list, index);
  }
  return index.map.get(value) as T | undefined;
}
