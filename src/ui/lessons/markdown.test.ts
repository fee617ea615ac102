import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';

describe('lesson Markdown subset', () => {
  it('parses bold, italic, code, math and links inside a paragraph', () => {
    expect(parseInline('a **b *c* d** `d` $x^2$ [e](https://example.org/)')).toEqual([
      { type: 'text', text: 'a ' },
      {
        type: 'strong',
        children: [
          { type: 'text', text: 'b ' },
          { type: 'em', children: [{ type: 'text', text: 'c' }] },
          { type: 'text', text: ' d' },
        ],
      },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'd' },
      { type: 'text', text: ' ' },
      { type: 'math', tex: 'x^2' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://example.org/', children: [{ type: 'text', text: 'e' }] },
    ]);
  });

  it('splits paragraphs, lists and display math', () => {
    const blocks = parseMarkdown(
      'one\ntwo\n\n- a\n- b\n\n1. c\n2. d\n\n$$\n\\eta < 2/\\lambda\n$$',
    );
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'list', 'math']);
    expect(blocks[0]).toEqual({ type: 'paragraph', children: [{ type: 'text', text: 'one two' }] });
    expect(blocks[2]).toMatchObject({ ordered: true });
    expect(blocks[3]).toEqual({ type: 'math', tex: '\\eta < 2/\\lambda' });
  });

  it('keeps unmatched markers and escaped ones as text', () => {
    expect(parseInline('2 * 3 and \\*not em\\* and $5')).toEqual([
      { type: 'text', text: '2 * 3 and *not em* and $5' },
    ]);
  });

  it('drops the address of a link that is not http(s), keeping its words', () => {
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ type: 'text', text: 'click' }]);
    expect(parseInline('[x](data:text/html,hi)')).toEqual([{ type: 'text', text: 'x' }]);
    expect(safeHref(' JAVASCRIPT:alert(1)')).toBeNull();
    expect(safeHref('//evil.example')).toBeNull();
    expect(safeHref('http://a.example/p?q=1')).toBe('http://a.example/p?q=1');
  });
});
