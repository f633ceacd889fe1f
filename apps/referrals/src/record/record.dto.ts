import { LegalStatus, Text } from '@placewise/contracts';
import { londonToday } from '@placewise/contracts/dates';
import {
  Accommodation,
  Activity,
  CategoryOfNeed,
  Ethnicity,
  InTouch,
  MissingType,
  PreviousPermanence,
  ReasonPlacedCeased,
  ReviewParticipation,
  SdqReason,
  Sex903,
  SocialWorkerChangeReason,
  UPN_PATTERN,
  UpnUnknown,
} from '@placewise/contracts/ssda903';
import { z } from 'zod';

const Day = z.iso.date().refine((d) => d >= '1990-01-01', 'is implausibly early');
const PastDay = Day.refine((d) => d <= londonToday(), 'must not be in the future');
const Reason = Text(500, { multiline: true });
/** A UK postcode's outward and inward parts (the 903 keeps them upper case). */
const Postcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, 'must be a UK postcode');
const Upn = z
  .string()
  .trim()
  .toUpperCase()
  .refine((v) => UPN_PATTERN.test(v) || (UpnUnknown.codes as readonly string[]).includes(v), 'must be a UPN or UN1-UN5');

export const UpdateCharacteristics = z
  .object({
    sex: Sex903.schema.optional(),
    ethnicity: Ethnicity.schema.optional(),
    upn: Upn.nullable().optional(),
    uasc: z.boolean().optional(),
    uascCeased: Day.nullable().optional(),
    mother: z.boolean().nullable().optional(),
    motherChildDob: Day.nullable().optional(),
    homePostcode: Postcode.nullable().optional(),
    categoryOfNeed: CategoryOfNeed.schema.optional(),
    givenName: Text(100).optional(),
    familyName: Text(100).optional(),
    reason: Reason,
  })
  .strict()
  .refine((v) => !(v.motherChildDob && v.mother === false), { message: 'needs mother to be true', path: ['motherChildDob'] });
export type UpdateCharacteristics = z.infer<typeof UpdateCharacteristics>;

export const RecordLegalStatus = z.object({ status: LegalStatus, date: PastDay, reason: Reason }).strict();
export type RecordLegalStatus = z.infer<typeof RecordLegalStatus>;

/** What a person corrects on an episode that Placewise could not know (the setting's URN and postcode, the home postcode, CIN). */
export const CorrectEpisode = z
  .object({
    urn: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(SC\d{6}|\d{6}|XXXXXXX)$/, 'must be an Ofsted URN (SC123456 or 123456) or XXXXXXX')
      .nullable()
      .optional(),
    plPost: Postcode.nullable().optional(),
    homePost: Postcode.nullable().optional(),
    cin: CategoryOfNeed.schema.optional(),
    reason: Reason,
  })
  .strict();
export type CorrectEpisode = z.infer<typeof CorrectEpisode>;

/** A review held; `reason` (why it is recorded now, e.g. "IRO's record received") goes to the audit. */
export const RecordReview = z
  .object({ heldOn: PastDay, participation: ReviewParticipation.schema, recordedAs: z.enum(['SW', 'IRO']), reason: Reason.optional() })
  .strict();
export type RecordReview = z.infer<typeof RecordReview>;

export const RecordMissing = z
  .object({ kind: MissingType.schema, start: PastDay, end: PastDay.nullable().default(null), reason: Reason.optional() })
  .strict()
  .refine((v) => !v.end || v.end >= v.start, { message: 'must not be before the start', path: ['end'] });
export type RecordMissing = z.infer<typeof RecordMissing>;

export const EndMissing = z.object({ end: PastDay }).strict();

export const RecordSocialWorker = z
  .object({
    socialWorkerId: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(SW|XX)[A-Z0-9]{1,10}$/, 'must start SW or XX (SW02)'),
    start: PastDay,
    /** Why the social worker changed (SW_REASON): needed for every social worker but the child's first (SW13). */
    reason: SocialWorkerChangeReason.schema.optional(),
  })
  .strict();
export type RecordSocialWorker = z.infer<typeof RecordSocialWorker>;

export const RecordCareLeaverOutcome = z
  .object({
    year: z.number().int().min(2000).max(2100),
    inTouch: InTouch.schema,
    activity: Activity.schema.nullable().default(null),
    accommodation: Accommodation.schema.nullable().default(null),
  })
  .strict();
export type RecordCareLeaverOutcome = z.infer<typeof RecordCareLeaverOutcome>;

const Flag = z.boolean().nullable().default(null);

/** OC2 for a collection year: the SDQ score or why there is none, and the health and offending flags. */
export const RecordHealthOutcome = z
  .object({
    year: z.number().int().min(2000).max(2100),
    sdqScore: z.number().int().min(0).max(40).nullable().default(null),
    sdqReason: SdqReason.schema.nullable().default(null),
    convicted: Flag,
    healthCheck: Flag,
    immunisations: Flag,
    teethCheck: Flag,
    healthAssessment: Flag,
    substanceMisuse: Flag,
    interventionReceived: Flag,
    interventionOffered: Flag,
  })
  .strict()
  .refine((v) => v.sdqScore === null || v.sdqReason === null, {
    message: 'give the SDQ score or the reason there is none, not both',
    path: ['sdqReason'],
  });
export type RecordHealthOutcome = z.infer<typeof RecordHealthOutcome>;

/** AD1: how the child was adopted. */
export const RecordAdoptionDetail = z
  .object({
    decidedOn: PastDay.nullable().default(null),
    matchedOn: PastDay.nullable().default(null),
    byFosterCarers: Flag,
    adopters: z
      .union([z.literal(1), z.literal(2)])
      .nullable()
      .default(null),
    adoptersSex: z.enum(['M1', 'F1', 'MM', 'FF', 'MF']).nullable().default(null),
    adoptersLegalStatus: z.enum(['L0', 'L11', 'L12', 'L2', 'L3', 'L4']).nullable().default(null),
    reason: Reason,
  })
  .strict()
  .refine((v) => !v.decidedOn || !v.matchedOn || v.matchedOn >= v.decidedOn, {
    message: 'must not be before the decision to place for adoption',
    path: ['matchedOn'],
  });
export type RecordAdoptionDetail = z.infer<typeof RecordAdoptionDetail>;

export const RecordPreviousPermanence = z
  .object({
    kind: PreviousPermanence.schema,
    council: Text(3).toUpperCase().nullable().default(null),
    // The 903's DATE_PERM may be partial (e.g. zz/zz/2019): text, but text that refuses NULs and lone surrogates.
    date: Text(10).nullable().default(null),
    reason: Reason,
  })
  .strict();
export type RecordPreviousPermanence = z.infer<typeof RecordPreviousPermanence>;

export const RecordAdoptionDecision = z.object({ decidedOn: PastDay }).strict();
export const CeaseAdoptionDecision = z.object({ ceasedOn: PastDay, reason: ReasonPlacedCeased.schema }).strict();

export const RecordLibertyOrder = z
  .object({ start: PastDay, end: PastDay.nullable().default(null) })
  .strict()
  .refine((v) => !v.end || v.end >= v.start, { message: 'must not be before the start', path: ['end'] });
export type RecordLibertyOrder = z.infer<typeof RecordLibertyOrder>;
export const EndLibertyOrder = z.object({ end: PastDay }).strict();
