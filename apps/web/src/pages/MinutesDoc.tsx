import Markdown, { type Components } from 'react-markdown';

/** The minutes' own headings sit under the page's: # becomes a second-level heading, and so on. */
const DEMOTED: Components = {
  h1: ({ children }) => <h2>{children}</h2>,
  h2: ({ children }) => <h3>{children}</h3>,
  h3: ({ children }) => <h4>{children}</h4>,
  h4: ({ children }) => <h5>{children}</h5>,
};

/**
 * Minutes rendered from their Markdown (loaded on its own, only where minutes are read). Raw HTML
 * in them (a reason typed with tags) is shown as text, never run: react-markdown's default.
 */
export default function MinutesDoc({ text }: { text: string }) {
  return (
    <article className="minutes-doc" aria-label="The minutes">
      <Markdown components={DEMOTED}>{text}</Markdown>
    </article>
  );
}
