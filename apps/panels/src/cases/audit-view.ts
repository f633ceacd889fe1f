/** An audit entry as the API shows it (AuditEntryView). */
export function auditView(a: {
  id: bigint;
  caseId: string | null;
  sittingId: string | null;
  action: string;
  actor: string;
  detail: unknown;
  at: Date;
}) {
  return {
    id: a.id.toString(),
    caseId: a.caseId,
    sittingId: a.sittingId,
    action: a.action,
    actor: a.actor,
    detail: a.detail,
    at: a.at.toISOString(),
  };
}
