/**
 * Splits text into normalized search tokens: lower case, accents removed, split on anything that
 * is not a letter or digit, and a light plural folding so that "cooktops" finds "Cooktop".
 */
export function tokenize(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0)
    .map(fold);
}

/** Folds simple English plurals; short words ("gps", "bus") are left alone. */
function fold(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss')) return token.slice(0, -1);
  return token;
}
