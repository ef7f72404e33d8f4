/** A short excerpt of a value for an error text: error messages never echo a long input whole. */
export function excerpt(value: string, max = 80): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join("")}…`;
}
