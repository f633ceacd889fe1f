import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server that keeps what it receives and shows it on a page: `npm start` runs it so a
 * new user sees the emails Placewise sends, and the tests read what arrived from it. Not part of a
 * deployment (the service never imports it): a council points SMTP_HOST at its own relay.
 */
export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The Message-ID the sender gave (Placewise: the delivery's id), to tell a resend from a new email. */
  messageId: string;
  receivedAt: string;
}

export interface MailCatcher {
  smtpPort: number;
  /** The page listing what arrived (when a web port was asked for). */
  webUrl?: string;
  /** What arrived, oldest first (at most `keep`). */
  readonly messages: CaughtMail[];
  /** How many messages arrived in all. */
  readonly received: number;
  /** Messages whose sender hung up before the server accepted them (see `gate`): not kept, not delivered. */
  readonly dropped: number;
  close(): Promise<void>;
}

export interface CatcherOptions {
  host?: string;
  /** 0: any free port. */
  smtpPort?: number;
  /** Serve the page too (0: any free port). */
  webPort?: number;
  /** Addresses the server refuses with 550, as a council's relay refuses an unknown mailbox. */
  refuse?: (address: string) => boolean;
  /** Addresses the server turns away for now with 451 (try again later), while this says so. */
  defer?: (address: string) => boolean;
  /** Parse and keep at most this many messages (default 1000); 0 only counts them. */
  keep?: number;
  /**
   * Awaited after a message has come in and before the server accepts it (its 250 reply): a test
   * holds messages in flight here. A message whose sender's connection closed meanwhile is not
   * accepted (a server accepts a message by replying; nobody is left to reply to) and is counted
   * in `dropped`.
   */
  gate?: () => Promise<void>;
}

export async function startMailCatcher(opts: CatcherOptions = {}): Promise<MailCatcher> {
  const host = opts.host ?? '127.0.0.1';
  const keep = opts.keep ?? 1000;
  const messages: CaughtMail[] = [];
  let received = 0;
  let dropped = 0;
  const closed = new Set<string>();
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      if (opts.refuse?.(address.address)) {
        return callback(Object.assign(new Error(`mailbox unavailable: ${address.address}`), { responseCode: 550 }));
      }
      if (opts.defer?.(address.address)) {
        return callback(Object.assign(new Error(`try again later: ${address.address}`), { responseCode: 451 }));
      }
      callback();
    },
    onClose(session) {
      if (opts.gate) closed.add(session.id);
    },
    onData(stream, session, callback) {
      received++;
      if (keep === 0) {
        stream.on('data', () => undefined);
        stream.on('end', () => callback());
        return;
      }
      simpleParser(stream)
        .then(async (mail) => {
          if (opts.gate) {
            await opts.gate();
            if (closed.has(session.id)) {
              dropped++;
              return callback(new Error('the sender hung up'));
            }
          }
          messages.push({
            from: typeof session.envelope.mailFrom === 'object' && session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            messageId: mail.messageId ?? '',
            receivedAt: new Date().toISOString(),
          });
          if (messages.length > keep) messages.shift();
          callback();
        })
        .catch((e: Error) => callback(e));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(opts.smtpPort ?? 0, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  let web: Server | undefined;
  if (opts.webPort !== undefined) {
    web = createServer((req, res) => {
      if (req.url === '/messages.json') {
        res.setHeader('content-type', 'application/json');
        return res.end(JSON.stringify(messages));
      }
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(page(messages, received));
    });
    await new Promise<void>((resolve, reject) => {
      web!.once('error', reject);
      web!.listen(opts.webPort, host, () => resolve());
    });
  }
  return {
    smtpPort,
    webUrl: web ? `http://${host}:${(web.address() as AddressInfo).port}` : undefined,
    messages,
    get received() {
      return received;
    },
    get dropped() {
      return dropped;
    },
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      if (web) await new Promise<void>((resolve) => web.close(() => resolve()));
    },
  };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const link = (s: string) => esc(s).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>');

function page(messages: CaughtMail[], received: number): string {
  const items = [...messages]
    .reverse()
    .map(
      (m) =>
        `<article><h2>${esc(m.subject)}</h2><p class="meta">To ${esc(m.to.join(', '))} · from ${esc(m.from)} · ${esc(m.receivedAt)}</p><pre>${link(m.text)}</pre></article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Placewise mail catcher</title>
<meta http-equiv="refresh" content="10">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}article{border-top:1px solid #ccc;padding:.5rem 0}.meta{color:#555;font-size:.9rem}pre{white-space:pre-wrap;font:inherit}</style>
</head><body><h1>Emails Placewise sent</h1><p>${received} received since this catcher started; the newest first. This page refreshes every 10 seconds.</p>
${items || '<p>Nothing yet.</p>'}</body></html>`;
}
