import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';

/** "1. A child aged 14" with the child's name, where the reader may see it: "1. Rosa Webb, aged 14". */
function named(children: ReactNode, caseNames: (string | undefined)[]): ReactNode {
  if (typeof children !== 'string') return children;
  const m = /^(\d+)\. A child aged (\d+)$/.exec(children);
  const name = m ? caseNames[Number(m[1]) - 1] : undefined;
  return m && name ? `${m[1]}. ${name}, aged ${m[2]}` : children;
}

/**
 * Minutes rendered from their Markdown (loaded on its own, only where minutes are read). Raw HTML
 * in them (a reason typed with tags) is shown as text, never run: react-markdown's default. The
 * minutes' own headings sit under the page's (# becomes a second-level heading, and so on), and each
 * case's heading names the child for a reader allowed to see names (`caseNames`, in agenda order).
 */
export default function MinutesDoc({ text, caseNames = [] }: { text: string; caseNames?: (string | undefined)[] }) {
  const components: Components = {
    h1: ({ children }) => <h2>{children}</h2>,
    h2: ({ children }) => <h3>{named(children, caseNames)}</h3>,
    h3: ({ children }) => <h4>{children}</h4>,
    h4: ({ children }) => <h5>{children}</h5>,
  };
  return (
    <article className="minutes-doc" aria-label="The minutes">
      <Markdown components={components}>{text}</Markdown>
    </article>
  );
}
