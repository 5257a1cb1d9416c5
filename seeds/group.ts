/** items grouped by a key, in their original order */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(t);
  }
  return out;
}
