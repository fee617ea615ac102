// The Markdown subset lessons are written in, parsed into a token tree that the renderer turns
// into React elements (never into an HTML string). Blocks: paragraphs (separated by blank
// lines), lists ("- " or "1. " items) and display math ($$ … $$ on lines of their own).
// Inline: **bold**, *italic*, `code`, [links](https://…), $math$, and "\" to escape a
// character. Anything else, HTML included, is text. A link whose address is not http(s) keeps
// its words and loses its address.

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'math'; tex: string }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'math'; tex: string };

/** The address if it is an absolute http(s) URL, else null. */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Index of the next unescaped `marker` at or after `from`, or −1. */
function findClosing(s: string, marker: string, from: number): number {
  for (let i = from; i <= s.length - marker.length; i++) {
    if (s[i] === '\\') {
      i++;
      continue;
    }
    if (s.startsWith(marker, i)) return i;
  }
  return -1;
}

/** Index of the ")" that closes a link's address starting at `from` (balancing inner ones). */
function closingParen(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && depth-- === 0) return i;
  }
  return -1;
}

export function parseInline(s: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && i + 1 < s.length) {
      text += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'code', text: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (c === '$') {
      const end = findClosing(s, '$', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'math', tex: s.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (s.startsWith('**', i)) {
      const end = findClosing(s, '**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(s.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === '*') {
      const end = findClosing(s, '*', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'em', children: parseInline(s.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const close = findClosing(s, '](', i + 1);
      const end = close < 0 ? -1 : closingParen(s, close + 2);
      if (close > i && end > close) {
        flush();
        const children = parseInline(s.slice(i + 1, close));
        const href = safeHref(s.slice(close + 2, end));
        if (href === null) out.push(...children);
        else out.push({ type: 'link', href, children });
        i = end + 1;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0)
      blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === '') {
      endParagraph();
      i++;
      continue;
    }
    if (trimmed.startsWith('$$')) {
      endParagraph();
      // $$ … $$ on one line, or opening and closing lines of their own.
      const rest = trimmed.slice(2);
      const sameLine = rest.indexOf('$$');
      if (sameLine >= 0) {
        blocks.push({ type: 'math', tex: rest.slice(0, sameLine).trim() });
        i++;
        continue;
      }
      const body = [rest];
      i++;
      while (i < lines.length && !lines[i].includes('$$')) body.push(lines[i++]);
      if (i < lines.length) body.push(lines[i].slice(0, lines[i].indexOf('$$')));
      blocks.push({ type: 'math', tex: body.join('\n').trim() });
      i++;
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      endParagraph();
      const ordered = numbered !== null;
      const pattern = ordered ? NUMBERED : BULLET;
      const items: string[] = [];
      while (i < lines.length && lines[i].trim() !== '') {
        const m = pattern.exec(lines[i]);
        if (m) items.push(m[1]);
        else if (items.length > 0 && /^\s+/.test(lines[i]))
          items[items.length - 1] += ' ' + lines[i].trim();
        else break;
        i++;
      }
      blocks.push({ type: 'list', ordered, items: items.map(parseInline) });
      continue;
    }
    paragraph.push(trimmed);
    i++;
  }
  endParagraph();
  return blocks;
}

/** The words of a text without its markup (for titles, aria labels and thumbnails). */
export function plainText(inlines: Inline[]): string {
  return inlines
    .map((t) =>
      t.type === 'text' || t.type === 'code'
        ? t.text
        : t.type === 'math'
          ? t.tex
          : plainText(t.children),
    )
    .join('');
}
