const text = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const ids = new Intl.Collator('en', { numeric: true });

/** Orders words as people expect: case and accents ignored, `file2` before `file10`. */
export function compareText(a: string, b: string): number {
  return text.compare(a, b);
}

/** Orders ids by their number part (`tsk_9999` before `tsk_10000`). */
export function compareIds(a: string, b: string): number {
  return ids.compare(a, b);
}

/** Orders ISO dates or timestamps in `direction`; null comes last in both directions. */
export function compareNullsLast(a: string | null, b: string | null, direction: 1 | -1): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return (a < b ? -1 : 1) * direction;
}
