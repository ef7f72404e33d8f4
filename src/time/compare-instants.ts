/**
 * Order of two normalized RFC 3339 UTC timestamps (`…:00Z`, or `…:00.500Z`
 * when there are milliseconds). Plain string order is wrong across the two
 * forms ("00.500Z" < "00Z" although it is later), so strings of different
 * lengths are compared as instants; strings of one length compare as text.
 */
export function compareInstants(a: string, b: string): number {
  if (a.length === b.length) return a < b ? -1 : a > b ? 1 : 0;
  return Date.parse(a) - Date.parse(b);
}
