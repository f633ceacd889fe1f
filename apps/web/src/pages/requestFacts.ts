import { londonInstantOf } from '@placewise/contracts/dates';
import type { paths } from '../api/generated/referrals';

/** The body of POST /requests, as the referrals service declares it (generated from its OpenAPI document). */
export type RequestBody = paths['/requests']['post']['requestBody'] extends { content: { 'application/json': infer B } } | undefined
  ? B
  : never;

/** Fields the form asks for in its main part. */
type MainField =
  | 'childId'
  | 'kind'
  | 'legalStatus'
  | 'placementType'
  | 'provision'
  | 'weeklyCostPence'
  | 'location'
  | 'urgency'
  | 'placedAt'
  | 'effectiveDate'
  | 'summary';

/** Every other fact the rules use: the form must offer each one (a new fact in the API fails the web build here). */
export type FurtherFact = Exclude<keyof RequestBody, MainField>;

export type FactInput =
  | { type: 'yesno' }
  | { type: 'date' }
  | { type: 'datetime' }
  | { type: 'whole'; max: number; unit: string }
  | { type: 'pounds' }
  | { type: 'choice'; options: Record<string, string> };

export interface FactField {
  label: string;
  hint?: string;
  input: FactInput;
  group: string;
}

const yesno = { type: 'yesno' } as const;
const date = { type: 'date' } as const;
const datetime = { type: 'datetime' } as const;

export const FURTHER_FACTS: Record<FurtherFact, FactField> = {
  additionalServicesWeeklyPence: {
    label: 'Additional services a week (£)',
    hint: '1:1 hours, therapy, education: added to the weekly cost before banding',
    input: { type: 'pounds' },
    group: 'Cost',
  },
  offFramework: { label: 'Spot purchase or off-framework', input: yesno, group: 'Cost' },
  partnerContributionRequested: { label: 'A contribution from health or education is asked for', input: yesno, group: 'Cost' },
  previousWeeklyCostPence: { label: 'Weekly cost before the variation (£)', input: { type: 'pounds' }, group: 'Cost' },
  providerOfstedRating: {
    label: "Provider's Ofsted rating",
    input: {
      type: 'choice',
      options: {
        OUTSTANDING: 'Outstanding',
        GOOD: 'Good',
        REQUIRES_IMPROVEMENT: 'Requires improvement',
        INADEQUATE: 'Inadequate',
        NOT_YET_INSPECTED: 'Not yet inspected',
      },
    },
    group: 'Cost',
  },
  plannedStartDate: { label: 'Planned start', hint: "The child's age is worked out on this day", input: date, group: 'Dates' },
  placementStartedAt: { label: 'Exact time the placement started', input: datetime, group: 'Dates' },
  educationDisrupted: {
    label: "The move would disrupt the child's education",
    hint: 'Key stage 4 is worked out from the date of birth (CPPCR reg 10)',
    input: yesno,
    group: 'Education',
  },
  connectedPersonTempApprovalWeeks: {
    label: 'Weeks of temporary approval sought in all',
    hint: 'Connected person (CPPCR regs 24-25): 16, or up to 24 with an extension',
    input: { type: 'whole', max: 104, unit: 'weeks' },
    group: 'Connected person',
  },
  connectedPersonTempApprovedOn: {
    label: 'Day temporary approval began',
    hint: 'If the carer is already temporarily approved; for an extension, found on record when left blank',
    input: date,
    group: 'Connected person',
  },
  irmReviewPending: {
    label: 'The carer was not approved and has asked for an independent review',
    input: yesno,
    group: 'Connected person',
  },
  hasDolOrder: { label: 'A court deprivation of liberty order authorises the placement', input: yesno, group: 'Liberty and secure' },
  registrationApplied: { label: 'The provider has applied to Ofsted for registration', input: yesno, group: 'Liberty and secure' },
  hasSecureOrder: { label: 'A secure accommodation order (s25) is in force', input: yesno, group: 'Liberty and secure' },
  secureHoursWithoutOrderLast28Days: {
    label: 'Hours in secure accommodation without an order in the last 28 days',
    input: { type: 'whole', max: 672, unit: 'hours' },
    group: 'Liberty and secure',
  },
  secretaryOfStateApproval: {
    label: 'The Secretary of State has approved secure accommodation (under 13)',
    input: yesno,
    group: 'Liberty and secure',
  },
  protectionStartedAt: { label: 'When police protection (or the EPO) began', input: datetime, group: 'Court and protection' },
  epoExtended: { label: 'The emergency protection order has been extended', input: yesno, group: 'Court and protection' },
  proceedingsIssuedOn: { label: 'Day care proceedings were issued', input: date, group: 'Court and protection' },
  ntsTransfer: { label: 'Transfer under the National Transfer Scheme', input: yesno, group: 'Court and protection' },
  ntsReferralAt: { label: 'When the National Transfer Scheme referral was made', input: datetime, group: 'Court and protection' },
  shortBreakMaxStayDays: {
    label: 'Short breaks: longest single stay',
    input: { type: 'whole', max: 366, unit: 'days' },
    group: 'Short breaks',
  },
  shortBreakTotalDaysLast12Months: {
    label: 'Short breaks: days in the last 12 months',
    input: { type: 'whole', max: 366, unit: 'days' },
    group: 'Short breaks',
  },
  iroAlertRaisedAt: { label: 'When the IRO raised a formal alert', input: datetime, group: 'History' },
};

/** The value typed for a fact, as the API takes it, or an error in words. Empty: not sent. */
export function factValue(field: FactField, typed: string): { value?: unknown; error?: string } {
  const t = typed.trim();
  if (!t) return {};
  switch (field.input.type) {
    case 'yesno':
      return { value: t === 'yes' };
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(t) ? { value: t } : { error: 'Enter a date' };
    case 'datetime': {
      const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(t);
      return m ? { value: londonInstantOf(m[1]!, m[2]!) } : { error: 'Enter a date and a time' };
    }
    case 'whole': {
      if (!/^\d+$/.test(t)) return { error: `Enter a whole number of ${field.input.unit}` };
      const n = Number(t);
      return n > field.input.max ? { error: `At most ${field.input.max} ${field.input.unit}` } : { value: n };
    }
    case 'pounds':
      return /^\d{1,7}(\.\d{1,2})?$/.test(t) ? { value: Math.round(Number(t) * 100) } : { error: 'Enter pounds, like 350 or 350.50' };
    case 'choice':
      return t in field.input.options ? { value: t } : { error: 'Choose one' };
  }
}
