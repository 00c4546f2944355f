/**
 * Reduces a name to what people mean by it: case, spacing, curly quotes and `&` do not matter,
 * and every other character (brackets, dashes, letters of any script) does.
 */
export function nameKey(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/&/g, ' and ')
    .replace(/\s+/g, ' ')
    .trim();
}
