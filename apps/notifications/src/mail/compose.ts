/**
 * The words of an email. An email carries the facts the event carried (ages, types, amounts, dates)
 * and a link to the workspace: never free text people typed (it might name a child), never a name
 * or date of birth (notifications is never told them).
 */
export interface Email {
  subject: string;
  text: string;
}

const FOOTER = 'You are told this because of your role in Placewise. Choose how you are told in Placewise: Notifications, Preferences.';

export function composeEmail(m: { title: string; lines: string[]; privateLines?: string[]; link: string }, webBaseUrl: string): Email {
  const more = m.privateLines?.length ? ['', 'There is more to read in Placewise.'] : [];
  return {
    subject: m.title,
    text: [...m.lines, ...more, '', `Open it in Placewise: ${url(webBaseUrl, m.link)}`, '', '--', FOOTER].join('\n'),
  };
}

/** One email for a day's notifications: each one's title and link. */
export function composeDigest(day: string, items: { title: string; link: string }[], webBaseUrl: string): Email {
  const n = items.length;
  return {
    subject: `Placewise: ${n} ${n === 1 ? 'thing' : 'things'} for you (${day})`,
    text: [
      `Your Placewise digest for ${day}:`,
      '',
      ...items.flatMap((i) => [`- ${i.title}`, `  ${url(webBaseUrl, i.link)}`]),
      '',
      '--',
      FOOTER,
    ].join('\n'),
  };
}

const url = (base: string, link: string) => `${base.replace(/\/$/, '')}${link}`;
