import { can, useSession } from '../../session';
import { DischargeBoard } from './DischargeBoard';
import { EdgeOfCare } from './EdgeOfCare';
import { Oversight } from './Oversight';
import { Reunifications } from './Reunifications';
import { EXIT_MANAGERS, EXIT_READERS } from './words';

/** The way out of care: exit plans, the discharge cohort, reunification, the step-down pipeline and edge of care. */
export function WayOut() {
  const { user } = useSession();
  if (!can(user, ...EXIT_READERS)) return <p>Social workers, managers, panel members and auditors see the way out of care.</p>;
  return (
    <>
      <h1>The way out of care</h1>
      {can(user, ...EXIT_MANAGERS) ? (
        <Oversight />
      ) : (
        <p className="hint">Managers also see every exit plan's slippage and the step-down pipeline here.</p>
      )}
      <DischargeBoard />
      <Reunifications />
      <EdgeOfCare />
    </>
  );
}
