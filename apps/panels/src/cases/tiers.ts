import { APPROVER_ORDER, type ApproverTier } from '@placewise/contracts';
import type { Principal } from '@placewise/platform';

/** The most senior approver tier the person holds, or null if they approve nothing. */
export function highestTier(user: Pick<Principal, 'roles'>): ApproverTier | null {
  let best = -1;
  for (const role of user.roles) {
    if (!role.startsWith('approver:')) continue;
    best = Math.max(best, APPROVER_ORDER.indexOf(role.slice('approver:'.length) as ApproverTier));
  }
  return best >= 0 ? APPROVER_ORDER[best]! : null;
}

/** Whether someone of tier `held` may decide what needs tier `required` (the same or more senior). */
export function atLeast(held: ApproverTier | null, required: ApproverTier): boolean {
  return held !== null && APPROVER_ORDER.indexOf(held) >= APPROVER_ORDER.indexOf(required);
}
