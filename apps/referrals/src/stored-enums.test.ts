import * as contracts from '@placewise/contracts';
import { describe, expect, it } from 'vitest';
import { $Enums } from '../generated/client/index.js';
import { EdgeAlternative, ExitRoute, ExitStepKind, PermanencePlan, ReunificationStageName } from './exits/exits.dto.js';

/** The database's enums hold exactly the values the API and the events accept (a new value needs a migration). */
describe('stored enums', () => {
  const pairs: [string, Record<string, string>, readonly string[]][] = [
    ['RequestKind', $Enums.RequestKind, contracts.RequestKind.options],
    ['RequestStatus', $Enums.RequestStatus, contracts.RequestStatus.options],
    ['LegalStatus', $Enums.LegalStatus, contracts.LegalStatus.options],
    ['PlacementType', $Enums.PlacementType, contracts.PlacementType.options],
    ['Provision', $Enums.Provision, contracts.Provision.options],
    ['Location', $Enums.Location, contracts.Location.options],
    ['Urgency', $Enums.Urgency, contracts.Urgency.options],
    ['EndReason', $Enums.EndReason, contracts.EndReason.options],
    ['PermanencePlan', $Enums.PermanencePlan, PermanencePlan.options],
    ['ExitRoute', $Enums.ExitRoute, ExitRoute.options],
    ['ExitStepKind', $Enums.ExitStepKind, ExitStepKind.options],
    ['ReunificationStageName', $Enums.ReunificationStageName, ReunificationStageName.options],
    ['EdgeAlternative', $Enums.EdgeAlternative, EdgeAlternative.options],
  ];
  it.each(pairs)('%s matches its zod enum', (_name, stored, accepted) => {
    expect(Object.values(stored).sort()).toEqual([...accepted].sort());
  });
});
