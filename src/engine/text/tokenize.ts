// Text to word tokens: lower case; a word is a run of letters with inner apostrophes kept
// ("nation's", "don't"; curly ’ read as '); a number is a run of digits with its decimal part
// ("3.5") and without thousands separators ("1,000,000" → "1000000"), so years stay words of
// their own ("1945"). Everything else (punctuation, dashes, symbols) separates tokens.

const TOKEN = /\p{L}+(?:['’]\p{L}+)*|\p{N}+(?:,\p{N}{3})*(?:\.\p{N}+)?/gu;

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(TOKEN)) {
    const t = m[0];
    out.push(/^\p{N}/u.test(t) ? t.replace(/,/g, '') : t.replace(/’/g, "'"));
  }
  return out;
}
