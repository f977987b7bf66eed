export interface PageMeta {
  page: number;
  perPage: number;
  total: number;
  totalPages: number;
}

/** Cuts one page out of an already filtered and sorted list. */
export function paginate<T>(items: readonly T[], page = 1, perPage = 20): { data: T[]; meta: PageMeta } {
  const start = (page - 1) * perPage;
  return {
    data: items.slice(start, start + perPage),
    meta: { page, perPage, total: items.length, totalPages: Math.ceil(items.length / perPage) },
  };
}

/** Case-insensitive substring match over a few fields; an empty needle matches everything. */
export function matchesSearch(needle: string | undefined, ...fields: (string | null | undefined)[]): boolean {
  if (!needle) return true;
  const lower = needle.toLowerCase();
  return fields.some((field) => field?.toLowerCase().includes(lower));
}
