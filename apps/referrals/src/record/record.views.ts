import { z } from 'zod';

/** The looked-after record as referrals answers with it, for the OpenAPI document (tests parse real answers with it). */
const Day = z.string();
const Source = z.enum(['IMPORT', 'EVENT', 'MANUAL']);

export const EpisodeView = z.object({
  decom: Day,
  rne: z.string(),
  ls: z.string(),
  lsWords: z.string(),
  cin: z.string(),
  place: z.string(),
  placeWords: z.string(),
  placeProvider: z.string().nullable(),
  dec: Day.nullable(),
  rec: z.string().nullable(),
  recWords: z.string().nullable(),
  reasonPlaceChange: z.string().nullable(),
  homePost: z.string().nullable(),
  plPost: z.string().nullable(),
  urn: z.string().nullable(),
  placementId: z.string().nullable(),
  source: Source,
});

export const CharacteristicsView = z.object({
  sex: z.string().nullable(),
  ethnicity: z.string().nullable(),
  upn: z.string().nullable(),
  uasc: z.boolean(),
  uascCeased: Day.nullable(),
  mother: z.boolean().nullable(),
  motherChildDob: Day.nullable(),
  homePostcode: z.string().nullable(),
  categoryOfNeed: z.string().nullable(),
});

export const RecordView = z.object({
  childId: z.uuid(),
  reference: z.string().nullable(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  dateOfBirth: Day,
  characteristics: CharacteristicsView,
  lookedAfter: z.boolean(),
  /** The start of the current period of care, if the child is looked after. */
  lookedAfterSince: Day.nullable(),
  nextReviewDue: Day.nullable(),
  legalStatuses: z.array(z.object({ status: z.string(), words: z.string(), from: Day, reason: z.string().nullable(), source: Source })),
  episodes: z.array(EpisodeView),
  reviews: z.array(z.object({ heldOn: Day, participation: z.string(), recordedAs: z.enum(['SW', 'IRO']).nullable(), source: Source })),
  missing: z.array(z.object({ id: z.uuid(), kind: z.string(), start: Day, end: Day.nullable(), source: Source })),
  socialWorkers: z.array(
    z.object({ id: z.uuid(), socialWorkerId: z.string(), start: Day, end: Day.nullable(), reason: z.string().nullable(), source: Source }),
  ),
  careLeaverOutcomes: z.array(
    z.object({
      year: z.number().int(),
      inTouch: z.string(),
      activity: z.string().nullable(),
      accommodation: z.string().nullable(),
      source: Source,
    }),
  ),
  healthOutcomes: z.array(
    z.object({
      year: z.number().int(),
      sdqScore: z.number().int().nullable(),
      sdqReason: z.string().nullable(),
      convicted: z.boolean().nullable(),
      healthCheck: z.boolean().nullable(),
      immunisations: z.boolean().nullable(),
      teethCheck: z.boolean().nullable(),
      healthAssessment: z.boolean().nullable(),
      substanceMisuse: z.boolean().nullable(),
      interventionReceived: z.boolean().nullable(),
      interventionOffered: z.boolean().nullable(),
      source: Source,
    }),
  ),
  adoption: z
    .object({
      decidedOn: Day.nullable(),
      matchedOn: Day.nullable(),
      byFosterCarers: z.boolean().nullable(),
      adopters: z.number().int().nullable(),
      adoptersSex: z.string().nullable(),
      adoptersLegalStatus: z.string().nullable(),
      source: Source,
    })
    .nullable(),
  previousPermanence: z
    .object({ kind: z.string(), council: z.string().nullable(), date: z.string().nullable(), source: Source })
    .nullable(),
  adoptionDecisions: z.array(
    z.object({ id: z.uuid(), decidedOn: Day, ceasedOn: Day.nullable(), ceasedReason: z.string().nullable(), source: Source }),
  ),
  libertyOrders: z.array(z.object({ id: z.uuid(), start: Day, end: Day.nullable(), source: Source })),
});
export type RecordView = z.infer<typeof RecordView>;

export const RecordHistoryView = z.array(
  z.object({
    entity: z.string(),
    action: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string(),
    by: z.string(),
    at: z.string(),
  }),
);
export type RecordHistoryView = z.infer<typeof RecordHistoryView>;

/** Children looked after now, each with the next review due (soonest first). */
export const ReviewsDueView = z.array(
  z.object({ childId: z.uuid(), reference: z.string().nullable(), lookedAfterSince: Day, lastReview: Day.nullable(), nextReviewDue: Day }),
);
