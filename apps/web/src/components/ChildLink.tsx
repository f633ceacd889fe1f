import { Link } from 'react-router';
import { can, useSession } from '../session';

const APPROVERS = ['approver:TM', 'approver:SM', 'approver:HOS', 'approver:AD', 'approver:DCS'];

/** Who reads a child's looked-after record (apps/referrals/src/record/record.controller.ts). */
export const RECORD_READERS = ['social-worker', 'performance', 'auditor', ...APPROVERS];
/** Who records reviews, missing episodes and changes of legal status. */
export const RECORD_RECORDERS = ['social-worker'];
/** Who corrects the characteristics and episodes the return needs. */
export const RECORD_CORRECTORS = ['social-worker', 'performance'];
/** Who sees the list of children and may open their records (both the children list and the record allow them). */
export const CHILD_LISTERS = ['social-worker', 'auditor', ...APPROVERS];
/** Who produces the SSDA903 return and loads previous ones; auditors read the pre-flight check and past exports. */
export const RETURN_PRODUCERS = ['performance'];
export const RETURN_READERS = ['performance', 'auditor'];

/** A child's name, linking to their record for the people who may read it (plain text for the rest). */
export function ChildLink({ id, name, section }: { id: string; name: string; section?: string }) {
  const { user } = useSession();
  if (!can(user, ...RECORD_READERS)) return <>{name}</>;
  return <Link to={`/children/${id}${section ? `#${section}` : ''}`}>{name}</Link>;
}
