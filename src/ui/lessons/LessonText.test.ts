// Hostile lesson text renders inert: no element, attribute or address from the text reaches
// the markup, and KaTeX (trust: false) emits no link.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LessonInline, LessonText, renderMath } from './LessonText';

const html = (text: string) => renderToStaticMarkup(createElement(LessonText, { text }));

describe('LessonText', () => {
  it('renders the subset as elements', () => {
    const out = html('**bold** *it* `code` [site](https://example.org/)\n\n- one\n- two');
    expect(out).toContain('<strong>bold</strong>');
    expect(out).toContain('<em>it</em>');
    expect(out).toContain('<code>code</code>');
    expect(out).toContain(
      '<a href="https://example.org/" target="_blank" rel="noopener noreferrer">site</a>',
    );
    expect(out).toContain('<ul><li>one</li><li>two</li></ul>');
  });

  it('shows script and raw HTML as text', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(1)> <b>hi</b>');
    expect(out).not.toMatch(/<script|<img|<b>/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('never emits a javascript: or data: link', () => {
    const out = html(
      '[a](javascript:alert(1)) [b](JavaScript:alert(1)) [c](data:text/html,<script>) [d](  javascript:x)',
    );
    expect(out).not.toMatch(/href/i);
    expect(out).not.toMatch(/<a[\s>]/i);
    expect(out).not.toMatch(/<script/i);
  });

  it('renders math with KaTeX and refuses \\href, \\url and HTML commands', () => {
    const ok = renderMath('\\eta_{opt} = 1/\\lambda', false);
    expect(ok).toContain('<math');
    expect(ok).not.toMatch(/\sstyle=/);
    for (const tex of [
      '\\href{javascript:alert(1)}{x}',
      '\\url{javascript:alert(1)}',
      '\\htmlId{x}{y}',
      '\\htmlStyle{color:red}{y}',
      '\\includegraphics{https://example.org/a.png}',
      '</span><script>alert(1)</script>',
    ]) {
      const out = html(`$${tex}$ and $$${tex}$$`);
      expect(out, tex).not.toMatch(/<a[\s>]|href=|<script|<img|id="x"|style="color:red"/i);
    }
  });

  it('inline text takes no blocks', () => {
    const out = renderToStaticMarkup(createElement(LessonInline, { text: '- not a list *em*' }));
    expect(out).toBe('- not a list <em>em</em>');
  });
});
