import type { NameOf } from '../people/people.js';
import { AUDIT_WORDS, words } from '../words.js';

/** An audit entry as the API shows it (AuditEntryView): the codes, and what happened and who did it in words. */
export function auditView(
  a: {
    id: bigint;
    caseId: string | null;
    sittingId: string | null;
    action: string;
    actor: string;
    detail: unknown;
    at: Date;
  },
  name: NameOf,
) {
  return {
    id: a.id.toString(),
    caseId: a.caseId,
    sittingId: a.sittingId,
    action: a.action,
    what: words(AUDIT_WORDS, a.action),
    actor: a.actor,
    actorName: name(a.actor),
    detail: a.detail,
    at: a.at.toISOString(),
  };
}
