/**
 * Text a person typed, made safe to put inside a generated Markdown document (minutes, letters):
 * it reads the same, but cannot start a heading, list, quote, table or code block, cannot emphasise,
 * link (nor be autolinked) or carry HTML. Each line is trimmed; line breaks become Markdown hard
 * breaks, so a multi-line comment stays inside its list item or paragraph.
 */
export function markdownText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) =>
      line
        // Inline syntax: emphasis, code, links and images, HTML and entities, tables, strikethrough.
        .replace(/[\\`*_[\]<>#|~!&{}]/g, '\\$&')
        // Autolinks (GFM): URLs, www. addresses, e-mail addresses.
        .replace(/:(?=\/\/)/g, '\\:')
        .replace(/\b(www)\./gi, '$1\\.')
        .replace(/@/g, '\\@')
        // What would start a block at the start of a line: lists, setext underlines, ordered lists.
        .replace(/^([-+=])/, '\\$1')
        .replace(/^(\d+)([.)])/, '$1\\$2'),
    )
    .join('\\\n');
}
