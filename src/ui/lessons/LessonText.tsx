// Lesson text on the page: the Markdown subset's token tree (markdown.ts) built into React
// elements, so no character of a lesson ever reaches the DOM as markup. The one exception is
// math: KaTeX's own output, inserted as HTML. That is safe because KaTeX builds it from the
// formula (escaping every character of the source it prints), and with `trust: false` it
// refuses the commands that would emit links, ids, classes, styles or images (\href, \url,
// \htmlId, \includegraphics, …); `maxExpand` bounds macro expansion and `maxSize` the boxes.
// KaTeX writes MathML only (no HTML layout), so its output carries no style attributes either.
import { createElement, type ReactNode } from 'react';
import katex from 'katex';
import { parseInline, parseMarkdown, type Block, type Inline } from './markdown';

export function renderMath(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, {
    displayMode,
    throwOnError: false,
    trust: false,
    strict: 'ignore',
    maxExpand: 200,
    maxSize: 20,
    // MathML alone: the browser lays it out, with no inline styles (the app's CSP forbids
    // them) and no web fonts to ship.
    output: 'mathml',
  });
}

function MathSpan({ tex, display }: { tex: string; display: boolean }) {
  // See the file's opening comment: KaTeX output from trusted rendering (trust: false).
  return createElement(display ? 'div' : 'span', {
    className: display ? 'lesson-math-display' : 'lesson-math',
    dangerouslySetInnerHTML: { __html: renderMath(tex, display) },
  });
}

function inlines(tokens: Inline[]): ReactNode[] {
  return tokens.map((t, i) => {
    switch (t.type) {
      case 'text':
        return t.text;
      case 'strong':
        return <strong key={i}>{inlines(t.children)}</strong>;
      case 'em':
        return <em key={i}>{inlines(t.children)}</em>;
      case 'code':
        return <code key={i}>{t.text}</code>;
      case 'math':
        return <MathSpan key={i} tex={t.tex} display={false} />;
      case 'link':
        // Only http(s) addresses reach here (markdown.ts drops the rest).
        return (
          <a key={i} href={t.href} target="_blank" rel="noopener noreferrer">
            {inlines(t.children)}
          </a>
        );
    }
  });
}

function block(b: Block, i: number): ReactNode {
  switch (b.type) {
    case 'paragraph':
      return <p key={i}>{inlines(b.children)}</p>;
    case 'math':
      return <MathSpan key={i} tex={b.tex} display />;
    case 'list': {
      const items = b.items.map((item, j) => <li key={j}>{inlines(item)}</li>);
      return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
    }
  }
}

/** A step's text: paragraphs, lists and display math. */
export function LessonText({ text }: { text: string }) {
  return <div className="lesson-text">{parseMarkdown(text).map(block)}</div>;
}

/** One line of text (a "try this" prompt, a check's description): inline markup only. */
export function LessonInline({ text }: { text: string }) {
  return <>{inlines(parseInline(text))}</>;
}
