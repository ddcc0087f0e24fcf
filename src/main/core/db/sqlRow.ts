const camelNames = new Map<string, string>();
/** `registered_at` → `registeredAt`, worked out once per column: lists map every row they show. */
function camelName(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined)
    camelNames.set(column, (name = column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())));
  return name;
}

/**
 * A raw `SELECT *` row (SQL column names, flags as 0/1) in the shape of its drizzle row: names
 * camel-cased and the given flag columns as booleans. For hand-written queries on hot paths,
 * where drizzle's builder costs more than the query.
 */
export function rowFromSql<T>(r: Record<string, unknown>, flags: readonly string[] = ['deleted']): T {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) row[camelName(k)] = v;
  for (const f of flags) row[f] = Boolean(row[f]);
  return row as T;
}
