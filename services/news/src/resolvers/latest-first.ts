// One order for every list of dated records: the latest first, undated ones last, then by id, so
// lists assembled from loaders read the same as the root queries' SQL order.

/** ISO dates at any precision compare as strings: "2016-02-25" is after "2016", as in SQL. */
export function latestFirst<T extends { id: string }>(
  items: readonly T[],
  dateOf: (item: T) => string | null,
): T[] {
  return [...items].sort((a, b) => {
    const dateA = dateOf(a);
    const dateB = dateOf(b);
    if (dateA !== dateB) {
      if (dateA === null) return 1;
      if (dateB === null) return -1;
      return dateA < dateB ? 1 : -1;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
