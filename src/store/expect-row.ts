/**
 * Returns the row a store function just wrote and read back, or throws if it is missing: a write
 * followed by a read on the same connection cannot lose the row, so a miss means the invariant broke.
 */
export function inserted<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new Error(`${what} vanished right after it was written`);
  return row;
}
