import type { Page } from 'playwright-core';

/** What no page should show a person: ids and codes are for machines. */
const PATTERNS: { what: string; re: RegExp }[] = [
  { what: 'a UUID', re: /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi },
  { what: 'an enum code', re: /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/g },
  {
    what: 'a status code',
    re: /\b(OPEN|DECIDED|SCHEDULED|CANCELLED|LISTED|MOVED|APPROVED|DECLINED|DEFERRED|APPROVE|DECLINE|ABSTAIN|SUBMITTED)\b/g,
  },
  { what: 'a user id', re: /\b[a-z]{1,8}\.[a-z]{2,}\b(?![.\w])/g },
  { what: 'pence', re: /\b\d+p\b/g },
];

/** Every id, code, user id or sum in pence in a text, as "what: found". */
export function codesIn(text: string): string[] {
  return PATTERNS.flatMap(({ what, re }) => [...text.matchAll(re)].map((m) => `${what}: ${m[0]}`));
}

/** The codes in the page's main content (what it says, and the names of its controls and links). */
export async function codesOnPage(page: Page): Promise<string[]> {
  const text = await page.locator('main').evaluate((main) => {
    const parts = [(main as HTMLElement).innerText];
    main.querySelectorAll('option').forEach((o) => parts.push(o.textContent ?? ''));
    return parts.join('\n');
  });
  return codesIn(text).map((c) => `${new URL(page.url()).pathname.replace(/[0-9a-f-]{36}/g, ':id')} ${c}`);
}
