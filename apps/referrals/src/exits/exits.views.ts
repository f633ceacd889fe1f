import { PlacementType } from '@placewise/contracts';
import { z } from 'zod';
import { EdgeAlternative, ExitRoute, ExitStepKind, PermanencePlan, ReunificationStageName } from './exits.dto.js';

/**
 * The shapes the way-out-of-care routes answer with, for the OpenAPI document. The service builds
 * these views; the tests parse real answers with them (strictly), so the document cannot drift.
 */
const Day = z.string();
const DayOrNull = z.string().nullable();

export const CarePlanView = z.object({
  childId: z.uuid(),
  permanencePlan: PermanencePlan,
  exitRoute: ExitRoute,
  estimatedExitDate: DayOrNull,
  exitDateMoves: z.number().int(),
  slipping: z.boolean(),
  dischargeCohortFrom: DayOrNull,
  stepDown: z.object({ to: PlacementType, readyFrom: DayOrNull, weeklyCostPence: z.number().int().nullable() }).nullable(),
  changes: z.array(
    z.object({
      field: z.string(),
      from: z.string().nullable(),
      to: z.string().nullable(),
      reason: z.string(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});

export const ExitStepView = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  kind: ExitStepKind,
  description: z.string(),
  owner: z.string(),
  dueDate: Day,
  doneAt: z.null(),
});

export const StepDoneView = z.object({ id: z.uuid(), doneAt: z.string() });

export const TargetView = z.object({ month: z.string(), exits: z.number().int() });

export const DischargePlanningView = z.object({
  month: z.string(),
  target: z.number().int().nullable(),
  exitsAchieved: z.number().int(),
  cohort: z.array(
    z.object({
      childId: z.uuid(),
      exitRoute: ExitRoute,
      estimatedExitDate: DayOrNull,
      inCohortFrom: DayOrNull,
      steps: z.array(
        z.object({
          id: z.uuid(),
          kind: ExitStepKind,
          description: z.string(),
          owner: z.string(),
          dueDate: Day,
          done: z.boolean(),
          overdue: z.boolean(),
        }),
      ),
      stepsDone: z.number().int(),
      stepsOverdue: z.number().int(),
    }),
  ),
});

export const ReunificationView = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  stage: ReunificationStageName,
  withParentsUnderOrder: z.boolean(),
  dischargedOn: DayOrNull,
  returnedToCareOn: DayOrNull,
  breakdown: z.boolean(),
  stages: z.array(z.object({ stage: ReunificationStageName, on: Day, note: z.string().nullable(), by: z.string() })),
});

export const ReunificationsView = z.object({
  byStage: z.record(z.string(), z.number().int()),
  discharged: z.number().int(),
  breakdowns: z.number().int(),
  reunifications: z.array(ReunificationView),
});

const Milestones = z.array(
  z.object({
    months: z.union([z.literal(3), z.literal(6), z.literal(12)]),
    /** The day the milestone falls on. */
    on: Day,
    /** Still out of care on that day, in care by then, or the day has not come yet. */
    status: z.enum(['KEPT_OUT', 'ENTERED_CARE', 'NOT_YET_KNOWN']),
  }),
);

const MilestoneCounts = z.array(
  z.object({
    months: z.number().int(),
    keptOut: z.number().int(),
    enteredCare: z.number().int(),
    notYetKnown: z.number().int(),
  }),
);

export const EdgeOfCareEntryView = z.object({
  requestId: z.uuid(),
  childId: z.uuid(),
  alternative: EdgeAlternative,
  divertedOn: Day,
  /** The first day in care on or after the diversion, from the record's episodes and entry requests (null while still out). */
  enteredCareOn: DayOrNull,
  milestones: Milestones,
});

export const EdgeOfCareView = z.object({
  asOf: Day,
  diverted: z.number().int(),
  milestones: MilestoneCounts,
  byAlternative: z.record(z.string(), z.object({ diverted: z.number().int(), milestones: MilestoneCounts })),
  entries: z.array(EdgeOfCareEntryView),
});

export const OversightView = z.object({
  childrenInCare: z.number().int(),
  exitsDueThisMonth: z.array(z.uuid()),
  exitsOverdue: z.array(z.uuid()),
  exitDatesSlipping: z.array(z.uuid()),
  exitDatesMovedMoreThanOnce: z.array(z.uuid()),
  childrenWithoutExitPlan: z.array(z.uuid()),
  residentialWithoutStepDownPlan: z.array(z.uuid()),
  stepDownPipeline: z.array(
    z.object({
      childId: z.uuid(),
      currentType: PlacementType.nullable(),
      currentWeeklyCostPence: z.number().int().nullable(),
      stepDownTo: PlacementType.nullable(),
      readyFrom: DayOrNull,
      ready: z.boolean(),
      weeklySavingPence: z.number().int().nullable(),
    }),
  ),
  trajectory: z.array(
    z.object({
      month: z.string(),
      entries: z.number().int(),
      exits: z.number().int(),
      entriesYearBefore: z.number().int(),
      exitsYearBefore: z.number().int(),
    }),
  ),
});
