import * as contracts from '@placewise/contracts';
import { describe, expect, it } from 'vitest';
import { $Enums } from '../generated/client/index.js';
import { MemberRole } from './panels/panels.dto.js';
import {
  AgendaStatus,
  CaseStatus,
  ClockEventKind,
  ClockStatus,
  DecidedByTier,
  SittingKind,
  SittingStatus,
  TimerKind,
  TimerSource,
  VoteChoice,
} from './stored-enums.js';

/** The database's enums hold exactly the values the API and the events accept (a new value needs a migration). */
describe('stored enums', () => {
  const pairs: [string, Record<string, string>, readonly string[]][] = [
    ['RequestKind', $Enums.RequestKind, contracts.RequestKind.options],
    ['LegalStatus', $Enums.LegalStatus, contracts.LegalStatus.options],
    ['PlacementType', $Enums.PlacementType, contracts.PlacementType.options],
    ['Provision', $Enums.Provision, contracts.Provision.options],
    ['Location', $Enums.Location, contracts.Location.options],
    ['Urgency', $Enums.Urgency, contracts.Urgency.options],
    ['ApproverTier', $Enums.ApproverTier, contracts.ApproverTier.options],
    ['PanelType', $Enums.PanelType, contracts.PanelType.options],
    ['DecisionOutcome', $Enums.DecisionOutcome, contracts.DecisionOutcome.options],
    ['CaseStatus', $Enums.CaseStatus, CaseStatus.options],
    ['DecidedByTier', $Enums.DecidedByTier, DecidedByTier.options],
    ['MemberRole', $Enums.MemberRole, MemberRole.options],
    ['SittingKind', $Enums.SittingKind, SittingKind.options],
    ['SittingStatus', $Enums.SittingStatus, SittingStatus.options],
    ['AgendaStatus', $Enums.AgendaStatus, AgendaStatus.options],
    ['VoteChoice', $Enums.VoteChoice, VoteChoice.options],
    ['TimerKind', $Enums.TimerKind, TimerKind.options],
    ['TimerSource', $Enums.TimerSource, TimerSource.options],
    ['DeadlinePurpose', $Enums.DeadlinePurpose, contracts.DeadlinePurpose.options],
    ['ClockStatus', $Enums.ClockStatus, ClockStatus.options],
    ['ClockEventKind', $Enums.ClockEventKind, ClockEventKind.options],
  ];
  it.each(pairs)('%s matches its zod enum', (_name, stored, accepted) => {
    expect(Object.values(stored).sort()).toEqual([...accepted].sort());
  });

  it('the events carry the stored values', () => {
    expect(contracts.CaseEscalatedV1.schema.shape.kind.options).toEqual(TimerKind.options);
    expect(DecidedByTier.options).toEqual([...contracts.ApproverTier.options, 'PANEL']);
  });
});
