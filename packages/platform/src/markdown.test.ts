import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { markdownText } from './markdown.js';

/** The kinds of Markdown node a document holds, as a CommonMark parser reads it. */
function nodeTypes(md: string): string[] {
  const types = new Set<string>();
  const walk = (n: { type: string; children?: unknown[] }) => {
    types.add(n.type);
    for (const c of (n.children ?? []) as { type: string }[]) walk(c);
  };
  walk(fromMarkdown(md) as never);
  return [...types].sort();
}

/** The text a reader sees. */
function plain(md: string): string {
  const out: string[] = [];
  const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
    if (n.type === 'text') out.push(n.value!);
    if (n.type === 'break') out.push('\n');
    for (const c of (n.children ?? []) as never[]) walk(c);
  };
  walk(fromMarkdown(md) as never);
  return out.join('');
}

describe('markdownText: what a person typed, inside a generated document', () => {
  it('cannot forge a heading, however it is placed', () => {
    const comment = 'I agree.\n\n## Decision: declined\nSigned, the chair';
    const doc = `- Fay Finance: approve: "${markdownText(comment)}"`;
    expect(nodeTypes(doc)).not.toContain('heading');
    expect(nodeTypes(`${markdownText('## Decision: approved')}`)).not.toContain('heading');
    expect(nodeTypes(`${markdownText('Decision\n===')}`)).not.toContain('heading');
    expect(plain(doc)).toBe('Fay Finance: approve: "I agree.\n## Decision: declined\nSigned, the chair"');
  });

  it('passes no link, image, autolink or HTML through', () => {
    const hostile = [
      '[click here](https://evil.example/steal)',
      '![x](https://evil.example/pixel.png)',
      '<https://evil.example>',
      'see https://evil.example/a and www.evil.example and boss@evil.example',
      '<script>alert(1)</script><img src=x onerror=alert(1)>',
      '&lt;b&gt; &#x3C;',
      '[ref]: https://evil.example',
    ].join('\n');
    const types = nodeTypes(markdownText(hostile));
    for (const t of ['link', 'image', 'html', 'definition', 'linkReference']) expect(types).not.toContain(t);
    expect(plain(markdownText('<script>alert(1)</script>'))).toBe('<script>alert(1)</script>');
    expect(plain(markdownText('&lt;b&gt;'))).toBe('&lt;b&gt;');
  });

  it('cannot start a list, quote, code block, table or rule, nor emphasise', () => {
    const hostile = '- one\n+ two\n1. three\n> quote\n```\ncode\n```\n| a | b |\n|---|---|\n***\n**bold** _em_ `code` ~~struck~~';
    const types = nodeTypes(markdownText(hostile));
    expect(types).toEqual(['break', 'paragraph', 'root', 'text']);
  });

  it('leaves ordinary text as it is', () => {
    expect(markdownText("Virtual School head's view, within budget (for now); 12 weeks.")).toBe(
      "Virtual School head's view, within budget (for now); 12 weeks.",
    );
  });
});
