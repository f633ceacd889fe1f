import type { ApproverTier, PanelType } from '@placewise/contracts';
import type { EntryRoute, RequestFacts } from '../src/index.js';
import { gbp } from './fixtures.js';

/**
 * Decision tables: one row per situation, written so a policy officer can check them.
 * Facts not given are those of BASE in fixtures.ts: a planned in-house foster placement of a
 * 10-year-old on a care order, £450 a week, in the council's area, submitted Tue 24 Nov 2026 10:00.
 * Only the expectations given in a row are checked.
 */
export interface Row {
  case: string;
  facts: Partial<RequestFacts>;
  /** A partial council policy laid over the default. */
  policy?: Record<string, unknown>;
  expect: {
    approver?: ApproverTier;
    panel?: PanelType | null;
    panels?: PanelType[];
    band?: string | null;
    route?: EntryRoute | null;
    retrospective?: boolean;
    /** Exactly these blocks. */
    blocks?: string[];
    gates?: string[];
    notGates?: string[];
    /** Exactly these special approvers (roles). */
    specials?: string[];
    warnings?: string[];
    /** deadline id -> due date (YYYY-MM-DD), exact due instant (contains T), or undefined = absent. */
    deadlines?: Record<string, string | undefined>;
    /** escalation id -> when */
    escalations?: Record<string, string>;
  };
}

const EXT = { provision: 'EXTERNAL' } as const;
const home = (pounds: number) =>
  ({ placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(pounds) }) as const;

export const PLACEMENT_ROWS: Row[] = [
  // ---- cost bands (section 6.2) ----
  { case: 'in-house foster £450/wk, in area', facts: {}, expect: { approver: 'SM', panel: null, band: 'A', blocks: [], specials: [] } },
  {
    case: 'IFA £900/wk (external, band A)',
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900) },
    expect: { approver: 'HOS', panel: null, band: 'A' },
  },
  {
    case: 'external exactly £1,000/wk is still band A',
    facts: { placementType: 'IFA_ENHANCED', ...EXT, weeklyCostPence: gbp(1000) },
    expect: { approver: 'HOS', panel: null, band: 'A' },
  },
  {
    case: 'external £1,000.01/wk is band B: panel',
    facts: { placementType: 'IFA_ENHANCED', ...EXT, weeklyCostPence: gbp(1000.01) },
    expect: {
      approver: 'HOS',
      panel: 'PLACEMENT_RESOURCES',
      band: 'B',
      gates: ['gate.funding_end_date'],
      deadlines: { 'deadline.funding_review': '2027-05-24' },
    },
  },
  {
    case: 'in-house £1,200/wk is band B (in-house only matters in band A)',
    facts: { weeklyCostPence: gbp(1200) },
    expect: { approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' },
  },
  { case: '£5,000/wk is the top of band B', facts: home(5000), expect: { approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' } },
  {
    case: "£5,000.01/wk children's home is band C: panel + AD, 3-monthly review",
    facts: home(5000.01),
    expect: {
      approver: 'AD',
      panel: 'PLACEMENT_RESOURCES',
      band: 'C',
      gates: ['gate.step_down_plan'],
      deadlines: { 'deadline.funding_review': '2027-02-24' },
    },
  },
  { case: '£9,999.99/wk is the top of band C', facts: home(9999.99), expect: { approver: 'AD', panel: 'PLACEMENT_RESOURCES', band: 'C' } },
  {
    case: '£10,000/wk bespoke home is band D: DCS, high-cost panel, s151, monthly review',
    facts: home(10000),
    expect: {
      approver: 'DCS',
      panel: 'HIGH_COST',
      band: 'D',
      gates: ['gate.s151_notified', 'gate.step_down_plan'],
      deadlines: { 'deadline.funding_review': '2026-12-24' },
    },
  },
  {
    case: '£900 + £200 additional services = £1,100 gross: band B',
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900), additionalServicesWeeklyPence: gbp(200) },
    expect: { approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' },
  },
  // ---- off framework: one tier up ----
  {
    case: 'off-framework IFA £900/wk: HOS + 1 = AD',
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900), offFramework: true },
    expect: { approver: 'AD', panel: null, band: 'A', gates: ['gate.framework_search'] },
  },
  {
    case: 'off-framework band C: AD + 1 = DCS',
    facts: { ...home(6000), offFramework: true },
    expect: { approver: 'DCS', panel: 'PLACEMENT_RESOURCES', band: 'C' },
  },
  {
    case: 'off-framework band D stays at DCS (the top)',
    facts: { ...home(12000), offFramework: true },
    expect: { approver: 'DCS', panel: 'HIGH_COST', band: 'D' },
  },
  // ---- joint funding ----
  {
    case: 'band B with a health contribution requested: joint funding panel',
    facts: { placementType: 'IFA_ENHANCED', ...EXT, weeklyCostPence: gbp(2500), partnerContributionRequested: true },
    expect: {
      approver: 'HOS',
      panel: 'JOINT_FUNDING',
      panels: ['JOINT_FUNDING', 'PLACEMENT_RESOURCES'],
      band: 'B',
      gates: ['gate.funder_shares'],
    },
  },
  {
    case: 'band D with joint funding: the high-cost panel comes first',
    facts: { ...home(11000), partnerContributionRequested: true },
    expect: { approver: 'DCS', panel: 'HIGH_COST', panels: ['HIGH_COST', 'JOINT_FUNDING'], band: 'D' },
  },
  // ---- variations ----
  {
    case: 'fee rise of 4% (£2,000 -> £2,080): minor, service manager',
    facts: { kind: 'VARIATION', ...home(2080), previousWeeklyCostPence: gbp(2000) },
    expect: { approver: 'SM', panel: null, band: null },
  },
  {
    case: 'fee rise of £260 (2.6%, £10,000 -> £10,260): above £250, re-approved in band D',
    facts: { kind: 'VARIATION', ...home(10260), previousWeeklyCostPence: gbp(10000) },
    expect: { approver: 'DCS', panel: 'HIGH_COST', band: 'D' },
  },
  {
    case: 'fee rise of 6% (£2,000 -> £2,120): re-approved at band B',
    facts: { kind: 'VARIATION', ...home(2120), previousWeeklyCostPence: gbp(2000) },
    expect: { approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' },
  },
  {
    case: 'variation with no previous cost recorded: re-approved at its band',
    facts: { kind: 'VARIATION', ...home(6000) },
    expect: { approver: 'AD', panel: 'PLACEMENT_RESOURCES', band: 'C' },
  },
  {
    case: 'fee cut: minor',
    facts: { kind: 'VARIATION', ...home(5500), previousWeeklyCostPence: gbp(6000) },
    expect: { approver: 'SM', band: null },
  },
  // ---- step-down and exit ----
  {
    case: 'step-down from residential to IFA: counterfactual recorded',
    facts: { kind: 'STEP_DOWN', placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(950) },
    expect: { approver: 'HOS', band: 'A', gates: ['gate.counterfactual_recorded', 'gate.placement_plan'] },
  },
  {
    case: 'exit from s20 accommodation, time looked after not on record: nominated officer (reg 39(4)) after a review',
    facts: { kind: 'EXIT', legalStatus: 'S20', effectiveDate: '2026-12-14' },
    expect: {
      approver: 'AD',
      panel: null,
      band: null,
      specials: ['NOMINATED_OFFICER'],
      gates: [
        'gate.exit_review',
        'gate.reg39_accommodation_assessed',
        'gate.reg39_support_assessed',
        'gate.reg39_wishes',
        'gate.reg39_welfare',
        'gate.reg39_care_plan',
      ],
      notGates: ['gate.court_discharge', 'gate.placement_plan'],
      deadlines: { 'deadline.placement_plan': undefined },
    },
  },
  {
    case: 'exit while on a care order: the court must discharge it, nominated officer approves (reg 39(4))',
    facts: { kind: 'EXIT', effectiveDate: '2026-12-14' },
    expect: { approver: 'AD', specials: ['NOMINATED_OFFICER'], gates: ['gate.exit_review', 'gate.court_discharge'] },
  },
  {
    case: 'exit from s20 after fewer than 20 working days looked after: service manager (reg 39(4) does not apply)',
    facts: { kind: 'EXIT', legalStatus: 'S20', effectiveDate: '2026-12-14', lookedAfterSince: '2026-11-23' },
    expect: { approver: 'SM', specials: [], gates: ['gate.reg39_wishes'], notGates: ['gate.court_discharge'] },
  },
  {
    case: 'exit from s20 after exactly 20 working days looked after: nominated officer (reg 39(4))',
    facts: { kind: 'EXIT', legalStatus: 'S20', effectiveDate: '2026-12-14', lookedAfterSince: '2026-11-16' },
    expect: { approver: 'AD', specials: ['NOMINATED_OFFICER'] },
  },
  {
    case: '16-year-old accommodated under s20 ceasing to be looked after: the Director approves (reg 39(5)), even after a few days',
    facts: { kind: 'EXIT', legalStatus: 'S20', childAge: 16, effectiveDate: '2026-12-14', lookedAfterSince: '2026-12-07' },
    expect: { approver: 'DCS', specials: [], gates: ['gate.reg39_accommodation_assessed', 'gate.reg39_care_plan'] },
  },
  {
    case: '17-year-old on a care order ceasing to be looked after: not reg 39(5) (in care), nominated officer and the court',
    facts: { kind: 'EXIT', childAge: 17, effectiveDate: '2026-12-14' },
    expect: { approver: 'AD', specials: ['NOMINATED_OFFICER'], gates: ['gate.court_discharge'] },
  },
  {
    case: 'exit at 18 on a care order: the order ends by law (s91(12)), no court discharge and no reg 39 approval',
    facts: { kind: 'EXIT', childAge: 18, effectiveDate: '2026-12-14' },
    expect: { approver: 'SM', specials: [], gates: ['gate.exit_review'], notGates: ['gate.court_discharge', 'gate.reg39_wishes'] },
  },
  // ---- location (CPPCR regs 11, 13) ----
  {
    case: 'IFA £900/wk in an adjoining council: nominated officer (AD), area authority told first',
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900), location: 'OUT_OF_AREA_ADJOINING' },
    expect: {
      approver: 'AD',
      panel: null,
      band: 'A',
      specials: ['NOMINATED_OFFICER'],
      gates: [
        'gate.childs_wishes',
        'gate.most_appropriate',
        'gate.relatives_consulted',
        'gate.iro_consulted',
        'gate.area_authority_notified',
      ],
      notGates: ['gate.area_authority_consulted'],
    },
  },
  {
    case: "children's home £5,500/wk at a distance: DCS, area authority consulted with care plan",
    facts: { ...home(5500), location: 'OUT_OF_AREA_AT_DISTANCE' },
    expect: {
      approver: 'DCS',
      panel: 'PLACEMENT_RESOURCES',
      band: 'C',
      specials: [],
      gates: [
        'gate.area_authority_consulted',
        'gate.area_authority_notified',
        'gate.childs_wishes',
        'gate.most_appropriate',
        'gate.relatives_consulted',
        'gate.iro_consulted',
      ],
      deadlines: { 'deadline.area_authority_notice': undefined },
    },
  },
  {
    case: 'kinship carer at a distance: excluded from reg 11 approval, area authority still told',
    facts: { placementType: 'KINSHIP_FOSTER', weeklyCostPence: gbp(300), location: 'OUT_OF_AREA_AT_DISTANCE' },
    expect: {
      approver: 'SM',
      panel: null,
      band: 'A',
      specials: [],
      gates: ['gate.area_authority_notified'],
      notGates: ['gate.area_authority_consulted'],
    },
  },
  {
    case: 'own foster carer out of area: excluded from reg 11 approval',
    facts: { location: 'OUT_OF_AREA_ADJOINING' },
    expect: { approver: 'SM', panel: null, band: 'A', specials: [] },
  },
  // ---- other arrangements (CPPCR regs 27, 27A, 27C) ----
  {
    case: '15-year-old in registered supported accommodation: blocked (reg 27A)',
    facts: { childAge: 15, placementType: 'SUPPORTED_ACCOM_REGISTERED', ...EXT, weeklyCostPence: gbp(1500) },
    expect: { approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B', blocks: ['block.reg27A_under_16'] },
  },
  {
    case: '14-year-old in an unregulated setting: blocked (reg 27A)',
    facts: { childAge: 14, placementType: 'OTHER_ARRANGEMENTS_UNREGULATED', ...EXT, weeklyCostPence: gbp(3000) },
    expect: { blocks: ['block.reg27A_under_16'] },
  },
  {
    case: '15-year-old in supported lodgings: blocked (reg 27A)',
    facts: { childAge: 15, placementType: 'SUPPORTED_LODGINGS', ...EXT, weeklyCostPence: gbp(400) },
    expect: { approver: 'HOS', panel: null, band: 'A', blocks: ['block.reg27A_under_16'] },
  },
  {
    case: '16-year-old in unregistered supported accommodation: blocked (reg 27C)',
    facts: { childAge: 16, placementType: 'SUPPORTED_ACCOM_UNREGISTERED', ...EXT, weeklyCostPence: gbp(1500) },
    expect: { blocks: ['block.reg27C_unregistered_supported'] },
  },
  {
    case: '15-year-old in unregistered supported accommodation: reg 27A (27C is for 16-17)',
    facts: { childAge: 15, placementType: 'SUPPORTED_ACCOM_UNREGISTERED', ...EXT, weeklyCostPence: gbp(1500) },
    expect: { blocks: ['block.reg27A_under_16'] },
  },
  {
    case: '17-year-old in an unregulated setting: blocked (reg 27C)',
    facts: { childAge: 17, placementType: 'OTHER_ARRANGEMENTS_UNREGULATED', ...EXT, weeklyCostPence: gbp(800) },
    expect: { blocks: ['block.reg27C_unregistered_supported'] },
  },
  {
    case: '16-year-old in registered supported accommodation: allowed, reg 27 gates',
    facts: { childAge: 16, placementType: 'SUPPORTED_ACCOM_REGISTERED', ...EXT, weeklyCostPence: gbp(1500) },
    expect: { approver: 'HOS', blocks: [], gates: ['gate.accommodation_suitable', 'gate.child_visited', 'gate.iro_informed'] },
  },
  {
    case: "15-year-old in a children's home: not other arrangements, allowed",
    facts: { childAge: 15, ...home(4000) },
    expect: { blocks: [], notGates: ['gate.accommodation_suitable'] },
  },
  {
    case: '18-year-old care leaver in unregistered supported accommodation: no longer a child, not blocked',
    facts: { childAge: 18, placementType: 'SUPPORTED_ACCOM_UNREGISTERED', ...EXT, weeklyCostPence: gbp(600) },
    expect: { blocks: [] },
  },
  // ---- unregistered children's homes (Care Standards Act 2000) ----
  {
    case: "unregistered children's home, no DoL order: blocked, DCS + legal",
    facts: { childAge: 13, placementType: 'UNREGISTERED_CHILDRENS_HOME', ...EXT, weeklyCostPence: gbp(12000) },
    expect: {
      approver: 'DCS',
      panel: 'HIGH_COST',
      band: 'D',
      blocks: ['block.unregistered_childrens_home'],
      specials: ['LEGAL'],
      gates: ['gate.legal_sign_off', 'gate.dol_order', 'gate.registration_applied'],
    },
  },
  {
    case: 'unregistered home, DoL order but no registration applied: blocked',
    facts: { childAge: 13, placementType: 'UNREGISTERED_CHILDRENS_HOME', ...EXT, weeklyCostPence: gbp(12000), hasDolOrder: true },
    expect: { blocks: ['block.unregistered_childrens_home'] },
  },
  {
    case: 'unregistered home, registration applied but no DoL order: blocked',
    facts: { childAge: 13, placementType: 'UNREGISTERED_CHILDRENS_HOME', ...EXT, weeklyCostPence: gbp(12000), registrationApplied: true },
    expect: { blocks: ['block.unregistered_childrens_home'] },
  },
  {
    case: 'unregistered home with DoL order and registration applied: DCS, not blocked',
    facts: {
      childAge: 13,
      legalStatus: 'DOL_INHERENT',
      placementType: 'UNREGISTERED_CHILDRENS_HOME',
      ...EXT,
      weeklyCostPence: gbp(12000),
      hasDolOrder: true,
      registrationApplied: true,
    },
    expect: { approver: 'DCS', blocks: [], specials: ['LEGAL'] },
  },
  // ---- secure accommodation (CA89 s25) ----
  {
    case: 'secure without an order, 60 hours already used: designated manager, 12 hours left (across the spring clock change)',
    facts: {
      childAge: 14,
      legalStatus: 'S20',
      placementType: 'SECURE_CHILDRENS_HOME',
      ...EXT,
      weeklyCostPence: gbp(7000),
      urgency: 'EMERGENCY',
      placedAt: '2026-03-28',
      placementStartedAt: '2026-03-28T20:00:00+00:00',
      secureHoursWithoutOrderLast28Days: 60,
    },
    expect: {
      blocks: [],
      specials: ['DESIGNATED_MANAGER_SECURE'],
      deadlines: { 'deadline.secure_without_order': '2026-03-29T09:00:00+01:00', 'deadline.emergency_review': '2026-03-31T21:00:00+01:00' },
    },
  },
  {
    case: 'secure without an order, 72 hours already used in 28 days: blocked',
    facts: {
      childAge: 14,
      legalStatus: 'S20',
      placementType: 'SECURE_CHILDRENS_HOME',
      ...EXT,
      weeklyCostPence: gbp(7000),
      secureHoursWithoutOrderLast28Days: 72,
    },
    expect: { blocks: ['block.secure_72h'], specials: ['DESIGNATED_MANAGER_SECURE'] },
  },
  {
    case: 'secure with an order (hasSecureOrder): no 72-hour limit',
    facts: {
      childAge: 14,
      placementType: 'SECURE_CHILDRENS_HOME',
      ...EXT,
      weeklyCostPence: gbp(7000),
      hasSecureOrder: true,
      secureHoursWithoutOrderLast28Days: 80,
    },
    expect: { blocks: [], specials: [] },
  },
  {
    case: 'secure, 12-year-old with an order, no Secretary of State approval: blocked',
    facts: { childAge: 12, legalStatus: 'SECURE_S25', placementType: 'SECURE_CHILDRENS_HOME', ...EXT, weeklyCostPence: gbp(7000) },
    expect: { blocks: ['block.secure_under_13'], specials: ['SOS'], gates: ['gate.sos_approval'] },
  },
  {
    case: 'secure, 12-year-old with Secretary of State approval: allowed',
    facts: {
      childAge: 12,
      legalStatus: 'SECURE_S25',
      placementType: 'SECURE_CHILDRENS_HOME',
      ...EXT,
      weeklyCostPence: gbp(7000),
      secretaryOfStateApproval: true,
    },
    expect: { blocks: [], specials: ['SOS'] },
  },
  {
    case: 'secure, 12-year-old, no order, no approval: both bars',
    facts: {
      childAge: 12,
      legalStatus: 'S20',
      placementType: 'SECURE_CHILDRENS_HOME',
      ...EXT,
      weeklyCostPence: gbp(7000),
      secureHoursWithoutOrderLast28Days: 72,
    },
    expect: { blocks: ['block.secure_72h', 'block.secure_under_13'], specials: ['DESIGNATED_MANAGER_SECURE', 'SOS'] },
  },
  // ---- key stage 4 (CPPCR reg 10) ----
  {
    case: 'planned move disrupting a KS4 pupil: nominated officer, designated teacher and IRO consulted',
    facts: { childAge: 15, ks4EducationDisrupted: true },
    expect: {
      approver: 'AD',
      specials: ['NOMINATED_OFFICER'],
      gates: ['gate.designated_teacher_consulted', 'gate.iro_consulted', 'gate.pep_fit', 'gate.childs_wishes'],
    },
  },
  {
    case: 'emergency move disrupting a KS4 pupil: no prior approval, education arranged ASAP',
    facts: { childAge: 15, ks4EducationDisrupted: true, urgency: 'EMERGENCY' },
    expect: { approver: 'SM', specials: [], notGates: ['gate.designated_teacher_consulted'], warnings: ['warn.ks4_education'] },
  },
  // ---- placement with parents (CPPCR regs 15-19) ----
  {
    case: 'placement with parents under an interim care order: nominated officer (HOS by default)',
    facts: { legalStatus: 'ICO_S38', placementType: 'PLACED_WITH_PARENTS', weeklyCostPence: 0 },
    expect: {
      approver: 'HOS',
      specials: ['NOMINATED_OFFICER'],
      gates: ['gate.parent_assessment', 'gate.placement_plan'],
      warnings: ['warn.weekly_visits'],
    },
  },
  {
    case: 'placement with parents under a care order',
    facts: { placementType: 'PLACED_WITH_PARENTS', weeklyCostPence: 0 },
    expect: { approver: 'HOS', specials: ['NOMINATED_OFFICER'] },
  },
  {
    case: 'child accommodated under s20 going home: not a reg 15-19 placement',
    facts: { legalStatus: 'S20', placementType: 'PLACED_WITH_PARENTS', weeklyCostPence: 0 },
    expect: { approver: 'SM', specials: [] },
  },
  // ---- connected persons (CPPCR regs 24-25) ----
  {
    case: 'emergency kinship placement on 2 Nov 2026, 16 weeks temporary approval',
    facts: {
      placementType: 'KINSHIP_FOSTER',
      weeklyCostPence: gbp(250),
      urgency: 'EMERGENCY',
      placedAt: '2026-11-02',
      connectedPersonTempApprovalWeeks: 16,
    },
    expect: {
      approver: 'SM',
      retrospective: true,
      gates: ['gate.reg24_assessment'],
      // 16 weeks beginning with Mon 2 Nov end on Sun 21 Feb; week 12 begins Mon 18 Jan
      deadlines: { 'deadline.connected_person_temp': '2027-02-21', 'deadline.connected_person_final': undefined },
      escalations: { 'esc.deadline.connected_person_temp.warning': '2027-01-18T00:00:00+00:00' },
    },
  },
  {
    case: 'kinship temporary approval extended to 22 weeks: nominated officer, fostering panel views',
    facts: { placementType: 'KINSHIP_FOSTER', weeklyCostPence: gbp(250), placedAt: '2026-11-02', connectedPersonTempApprovalWeeks: 22 },
    expect: {
      approver: 'AD',
      specials: ['NOMINATED_OFFICER'],
      blocks: [],
      gates: ['gate.fostering_panel_views', 'gate.iro_informed_extension', 'gate.still_most_appropriate'],
      deadlines: { 'deadline.connected_person_final': '2027-04-18' },
    },
  },
  {
    case: 'reg 25 extension asked for on its own: nominated officer, no cost band, counted from the day temporary approval began',
    facts: {
      kind: 'CARER_APPROVAL_EXTENSION',
      placementType: 'KINSHIP_FOSTER',
      weeklyCostPence: gbp(250),
      connectedPersonTempApprovedOn: '2026-09-07',
      connectedPersonTempApprovalWeeks: 24,
    },
    expect: {
      approver: 'AD',
      panel: null,
      band: null,
      specials: ['NOMINATED_OFFICER'],
      blocks: [],
      gates: ['gate.fostering_panel_views', 'gate.iro_informed_extension', 'gate.still_most_appropriate'],
      notGates: ['gate.placement_plan'],
      // 16 weeks beginning with Mon 7 Sep 2026 end on Sun 27 Dec; 24 weeks on Sun 21 Feb 2027
      deadlines: { 'deadline.connected_person_temp': '2026-12-27', 'deadline.connected_person_final': '2027-02-21' },
    },
  },
  {
    case: 'reg 25 extension while the carer seeks an independent review: until the outcome, no 24-week end',
    facts: {
      kind: 'CARER_APPROVAL_EXTENSION',
      placementType: 'KINSHIP_FOSTER',
      weeklyCostPence: gbp(250),
      connectedPersonTempApprovedOn: '2026-09-07',
      connectedPersonTempApprovalWeeks: 30,
      irmReviewPending: true,
    },
    expect: { approver: 'AD', blocks: [], deadlines: { 'deadline.connected_person_final': undefined } },
  },
  {
    case: 'kinship temporary approval of 26 weeks: blocked (24-week maximum)',
    facts: { placementType: 'KINSHIP_FOSTER', weeklyCostPence: gbp(250), placedAt: '2026-11-02', connectedPersonTempApprovalWeeks: 26 },
    expect: { blocks: ['block.reg25_24_weeks'] },
  },
  {
    case: 'kinship beyond 24 weeks while an independent review is pending: allowed',
    facts: {
      placementType: 'KINSHIP_FOSTER',
      weeklyCostPence: gbp(250),
      placedAt: '2026-11-02',
      connectedPersonTempApprovalWeeks: 26,
      irmReviewPending: true,
    },
    expect: { blocks: [] },
  },
  // ---- emergencies ----
  {
    case: 'planned placement starting Tue 24 Nov 2026: plan within 5 WD, no retrospective task',
    facts: {},
    expect: {
      retrospective: false,
      deadlines: {
        'deadline.placement_plan': '2026-12-01',
        'deadline.first_visit': '2026-12-01',
        'deadline.retrospective_approval': undefined,
        'deadline.emergency_review': undefined,
      },
      escalations: { 'esc.deadline.placement_plan.warning': '2026-11-27T00:00:00+00:00' },
    },
  },
  {
    case: 'emergency placement Fri 18 Dec 2026: Christmas and the Boxing Day substitute are skipped',
    facts: { urgency: 'EMERGENCY', placedAt: '2026-12-18', submittedAt: '2026-12-19T09:30:00+00:00' },
    expect: {
      retrospective: true,
      panel: 'PLACEMENT_RESOURCES',
      deadlines: {
        'deadline.placement_plan': '2026-12-29',
        'deadline.retrospective_approval': '2027-01-06',
        'deadline.emergency_review': '2026-12-21',
      },
    },
  },
  {
    case: 'emergency placement Thu 2 Apr 2026: Good Friday and Easter Monday are skipped',
    facts: { urgency: 'EMERGENCY', placedAt: '2026-04-02', submittedAt: '2026-04-02T23:10:00+01:00' },
    expect: {
      retrospective: true,
      deadlines: { 'deadline.placement_plan': '2026-04-13', 'deadline.retrospective_approval': '2026-04-20' },
    },
  },
  {
    case: 'emergency placement Sat 22 Aug 2026: the summer bank holiday is skipped',
    facts: { urgency: 'EMERGENCY', placedAt: '2026-08-22', submittedAt: '2026-08-22T03:00:00+01:00' },
    expect: {
      retrospective: true,
      deadlines: { 'deadline.placement_plan': '2026-08-28', 'deadline.retrospective_approval': '2026-09-07' },
    },
  },
  {
    case: 'urgent (not yet placed) out-of-area IFA: area authority told before placement',
    facts: { urgency: 'URGENT', location: 'OUT_OF_AREA_ADJOINING', placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(950) },
    expect: {
      retrospective: false,
      gates: ['gate.area_authority_notified'],
      deadlines: { 'deadline.area_authority_notice': undefined, 'deadline.retrospective_approval': undefined },
    },
  },
  {
    case: 'emergency out-of-area placement Wed 23 Dec 2026: area authority notice within 5 WD',
    facts: {
      urgency: 'EMERGENCY',
      placedAt: '2026-12-23',
      submittedAt: '2026-12-23T20:00:00+00:00',
      location: 'OUT_OF_AREA_ADJOINING',
      placementType: 'IFA_FOSTER',
      ...EXT,
      weeklyCostPence: gbp(950),
    },
    expect: {
      retrospective: true,
      notGates: ['gate.area_authority_notified'],
      deadlines: {
        'deadline.area_authority_notice': '2027-01-04',
        'deadline.placement_plan': '2027-01-04',
        'deadline.retrospective_approval': '2027-01-11',
      },
    },
  },
  // ---- local: provider quality and stability ----
  {
    case: 'provider rated Inadequate: head of service exemption (warn)',
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900), providerOfstedRating: 'INADEQUATE' },
    expect: { approver: 'HOS', blocks: [], gates: ['gate.inadequate_exemption'], warnings: ['warn.inadequate_provider'] },
  },
  {
    case: 'provider rated Inadequate where the council blocks them',
    policy: { inadequateProvider: { mode: 'BLOCK' } },
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900), providerOfstedRating: 'INADEQUATE' },
    expect: { blocks: ['block.inadequate_provider'] },
  },
  {
    case: 'third move in 12 months: stability review',
    facts: { placementMovesLast12Months: 3 },
    expect: { gates: ['gate.stability_review'] },
  },
  {
    case: 'IRO alert raised Fri 18 Dec 2026 16:00: manager responds within 10 WD, then the IRO escalates',
    facts: { iroAlertRaisedAt: '2026-12-18T16:00:00+00:00' },
    expect: {
      deadlines: { 'deadline.iro_alert_response': '2027-01-06' },
      escalations: { 'esc.deadline.iro_alert_response.breach': '2027-01-06T23:59:59+00:00' },
    },
  },
];

const ENTRY = { kind: 'ENTRY_TO_CARE' } as const;

export const ENTRY_ROWS: Row[] = [
  {
    case: 'planned s20 starting 1 Dec 2026: gateway panel (HOS), alternatives evidenced; reviews at 20 WD, +3 and +6 months',
    facts: { ...ENTRY, legalStatus: 'S20', plannedStartDate: '2026-12-01' },
    expect: {
      route: 'PLANNED_S20',
      approver: 'HOS',
      panel: 'GATEWAY',
      retrospective: false,
      gates: ['gate.alternatives_tried', 'gate.s20_consent', 'gate.placement_plan'],
      deadlines: {
        'deadline.first_review': '2026-12-31',
        'deadline.second_review': '2027-03-31',
        'deadline.third_review': '2027-09-30',
        'deadline.retrospective_approval': undefined,
      },
    },
  },
  {
    case: 'emergency s20 at 2am on a Saturday: on-call service manager, gateway ratifies within 10 WD, 72-hour meeting',
    facts: { ...ENTRY, legalStatus: 'S20', urgency: 'EMERGENCY', submittedAt: '2026-11-28T02:00:00+00:00', placedAt: '2026-11-28' },
    expect: {
      route: 'EMERGENCY_S20',
      approver: 'SM',
      panel: 'GATEWAY',
      retrospective: true,
      deadlines: {
        'deadline.retrospective_approval': '2026-12-11',
        'deadline.emergency_review': '2026-12-01T00:00:00+00:00',
        'deadline.first_review': '2026-12-29',
      },
    },
  },
  {
    case: 'emergency s20 on a Tuesday morning, not yet placed: head of service decides first, nothing to ratify',
    facts: { ...ENTRY, legalStatus: 'S20', urgency: 'EMERGENCY' },
    expect: {
      route: 'EMERGENCY_S20',
      approver: 'HOS',
      panel: null,
      retrospective: false,
      deadlines: { 'deadline.retrospective_approval': undefined },
    },
  },
  {
    case: 'emergency s20, child placed that morning: retrospective, ratified at the gateway panel within 10 working days',
    facts: { ...ENTRY, legalStatus: 'S20', urgency: 'EMERGENCY', placedAt: '2026-11-24' },
    expect: {
      route: 'EMERGENCY_S20',
      approver: 'HOS',
      panel: 'GATEWAY',
      retrospective: true,
      deadlines: { 'deadline.retrospective_approval': '2026-12-08' },
    },
  },
  {
    case: 'emergency s20 at 17:30 on a weekday: out of hours',
    facts: { ...ENTRY, legalStatus: 'S20', urgency: 'EMERGENCY', submittedAt: '2026-11-24T17:30:00+00:00' },
    expect: { route: 'EMERGENCY_S20', approver: 'SM' },
  },
  {
    case: 'emergency s20 at 11:00 on a bank holiday (Mon 28 Dec 2026): out of hours',
    facts: { ...ENTRY, legalStatus: 'S20', urgency: 'EMERGENCY', submittedAt: '2026-12-28T11:00:00+00:00' },
    expect: { route: 'EMERGENCY_S20', approver: 'SM' },
  },
  {
    case: 'emergency s20 at 09:30 BST (08:30 UTC) in July: in hours',
    facts: { ...ENTRY, legalStatus: 'S20', urgency: 'EMERGENCY', submittedAt: '2026-07-14T08:30:00Z' },
    expect: { route: 'EMERGENCY_S20', approver: 'HOS' },
  },
  {
    case: 'emergency s20 with outOfHours given by the caller',
    facts: { ...ENTRY, legalStatus: 'S20', urgency: 'EMERGENCY', outOfHours: true },
    expect: { approver: 'SM' },
  },
  {
    case: 'police protection from Sat 24 Oct 2026 23:00 BST: ends 72 hours later, after the clocks go back',
    facts: {
      ...ENTRY,
      legalStatus: 'PP_S46',
      urgency: 'EMERGENCY',
      placedAt: '2026-10-24',
      protectionStartedAt: '2026-10-24T23:00:00+01:00',
      submittedAt: '2026-10-25T01:30:00+01:00',
    },
    expect: {
      route: 'POLICE_PROTECTION_OR_EPO',
      approver: 'HOS',
      panel: 'GATEWAY',
      deadlines: { 'deadline.police_protection': '2026-10-27T22:00:00+00:00' },
      escalations: { 'esc.deadline.police_protection.warning': '2026-10-26T22:00:00+00:00' },
    },
  },
  {
    case: 'emergency protection order from 20 Nov 2026 15:00: 8 days',
    facts: { ...ENTRY, legalStatus: 'EPO_S44', urgency: 'EMERGENCY', protectionStartedAt: '2026-11-20T15:00:00+00:00' },
    expect: {
      route: 'POLICE_PROTECTION_OR_EPO',
      approver: 'HOS',
      // eight days beginning with Fri 20 Nov: to the end of Fri 27 Nov, not 8 x 24 hours after 15:00
      deadlines: { 'deadline.epo': '2026-11-27T23:59:59+00:00' },
      gates: ['gate.epo_decision'],
    },
  },
  {
    case: 'extended emergency protection order: 15 days in all, no further extension',
    facts: { ...ENTRY, legalStatus: 'EPO_S44', protectionStartedAt: '2026-11-20T15:00:00+00:00', epoExtended: true },
    expect: { deadlines: { 'deadline.epo': '2026-12-04T23:59:59+00:00' } },
  },
  {
    case: 'EPO after police protection that began at 23:30 on Sat 24 Oct 2026 (BST): day 1 is the Saturday, ends at the end of Sat 31 Oct (GMT)',
    facts: { ...ENTRY, legalStatus: 'EPO_S44', protectionStartedAt: '2026-10-24T23:30:00+01:00' },
    expect: { deadlines: { 'deadline.epo': '2026-10-31T23:59:59+00:00' } },
  },
  {
    case: 'interim care order, proceedings issued 2 Nov 2026: 26 weeks, warning at week 20',
    facts: { ...ENTRY, legalStatus: 'ICO_S38', proceedingsIssuedOn: '2026-11-02' },
    expect: {
      route: 'CARE_PROCEEDINGS',
      approver: 'HOS',
      panel: 'GATEWAY',
      gates: ['gate.legal_planning'],
      // 26 weeks beginning with Mon 2 Nov end on Sun 2 May; week 20 begins Mon 15 Mar
      deadlines: { 'deadline.care_proceedings': '2027-05-02' },
      escalations: { 'esc.deadline.care_proceedings.warning': '2027-03-15T00:00:00+00:00' },
    },
  },
  {
    case: 'placement move for a child on an ICO with the issue date known: the 26-week clock is shown',
    facts: { legalStatus: 'ICO_S38', proceedingsIssuedOn: '2026-11-02' },
    expect: { route: null, deadlines: { 'deadline.care_proceedings': '2027-05-02', 'deadline.first_review': undefined } },
  },
  {
    case: 'full care order made: court-order route',
    facts: { ...ENTRY },
    expect: { route: 'COURT_ORDER', approver: 'HOS', panel: 'GATEWAY' },
  },
  { case: 'placement order: court-order route', facts: { ...ENTRY, legalStatus: 'PLACEMENT_ORDER' }, expect: { route: 'COURT_ORDER' } },
  {
    case: 'remand to local authority accommodation: same day, no panel first, resources panel ratifies',
    facts: { ...ENTRY, childAge: 15, legalStatus: 'REMAND_LA', urgency: 'EMERGENCY', placedAt: '2026-11-24' },
    expect: {
      route: 'REMAND',
      approver: 'SM',
      panel: 'PLACEMENT_RESOURCES',
      retrospective: true,
      deadlines: { 'deadline.retrospective_approval': '2026-12-08' },
    },
  },
  {
    case: 'remand to youth detention (secure home, £6,500/wk): no secure-order bar, band C',
    facts: { ...ENTRY, childAge: 15, legalStatus: 'REMAND_YDA', ...home(6500), placementType: 'SECURE_CHILDRENS_HOME' },
    expect: { route: 'REMAND', approver: 'AD', blocks: [], specials: [], panel: 'PLACEMENT_RESOURCES' },
  },
  {
    case: 'unaccompanied child transferred under the NTS, referred Mon 21 Dec 2026: 10 WD',
    facts: { ...ENTRY, childAge: 16, legalStatus: 'UASC_S20', ntsTransfer: true, ntsReferralAt: '2026-12-21T09:00:00+00:00' },
    expect: { route: 'UASC', approver: 'HOS', deadlines: { 'deadline.nts_transfer': '2027-01-07' } },
  },
  {
    case: 'unaccompanied child arriving spontaneously: no NTS clock',
    facts: { ...ENTRY, childAge: 16, legalStatus: 'UASC_S20' },
    expect: { route: 'UASC', deadlines: { 'deadline.nts_transfer': undefined } },
  },
  {
    case: 'welfare secure order (s25): assistant director, gateway',
    facts: {
      ...ENTRY,
      childAge: 14,
      legalStatus: 'SECURE_S25',
      placementType: 'SECURE_CHILDRENS_HOME',
      ...EXT,
      weeklyCostPence: gbp(7500),
    },
    expect: { route: 'SECURE_WELFARE', approver: 'AD', panel: 'GATEWAY', blocks: [] },
  },
  {
    case: 'deprivation of liberty (inherent jurisdiction)',
    facts: { ...ENTRY, childAge: 14, legalStatus: 'DOL_INHERENT', ...home(9000) },
    expect: { route: 'DEPRIVATION_OF_LIBERTY', approver: 'AD', panel: 'GATEWAY' },
  },
  {
    case: 'short breaks within the limits',
    facts: { ...ENTRY, legalStatus: 'SHORT_BREAKS', shortBreakMaxStayDays: 7, shortBreakTotalDaysLast12Months: 40 },
    expect: { route: 'SHORT_BREAKS', approver: 'SM', panel: null, warnings: [] },
  },
  {
    case: 'short breaks of 20 days at a time: full looked-after regime',
    facts: { ...ENTRY, legalStatus: 'SHORT_BREAKS', shortBreakMaxStayDays: 20 },
    expect: { route: 'SHORT_BREAKS', warnings: ['warn.short_breaks_exceeded'] },
  },
];

export const POLICY_ROWS: Row[] = [
  {
    case: 'a council whose band A limit is £800: £900 IFA is band B',
    policy: { costBands: { aMaxWeeklyPence: 80_000 } },
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900) },
    expect: { band: 'B', approver: 'HOS', panel: 'PLACEMENT_RESOURCES' },
  },
  {
    case: 'a council whose nominated officer is the DCS',
    policy: { nominatedOfficer: 'DCS' },
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900), location: 'OUT_OF_AREA_ADJOINING' },
    expect: { approver: 'DCS' },
  },
  {
    case: 'a council that switched off the off-framework uplift',
    policy: { disabledRules: ['local.off_framework'] },
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900), offFramework: true },
    expect: { approver: 'HOS', notGates: ['gate.framework_search'] },
  },
  {
    case: 'a council that raises out-of-area approval to the DCS',
    policy: { statutoryApproverOverrides: { 'stat.out_of_area': 'DCS' } },
    facts: { placementType: 'IFA_FOSTER', ...EXT, weeklyCostPence: gbp(900), location: 'OUT_OF_AREA_ADJOINING' },
    expect: { approver: 'DCS' },
  },
  {
    case: 'a council that wants placement plans within 3 WD',
    policy: { tightenedDeadlines: { 'deadline.placement_plan': 3 } },
    facts: {},
    expect: { deadlines: { 'deadline.placement_plan': '2026-11-27' } },
  },
  {
    case: 'a council whose panels ratify within 5 WD, at the resources panel for entries too',
    policy: { ratification: { workingDays: 5, entryPanel: 'PLACEMENT_RESOURCES' } },
    facts: { ...ENTRY, legalStatus: 'S20', urgency: 'EMERGENCY', placedAt: '2026-11-24' },
    expect: { panel: 'PLACEMENT_RESOURCES', deadlines: { 'deadline.retrospective_approval': '2026-12-01' } },
  },
  {
    case: 'a council with no ratification panel for emergency placements',
    policy: { ratification: { placementPanel: null } },
    facts: { urgency: 'EMERGENCY', placedAt: '2026-11-24' },
    expect: { panel: null, approver: 'SM', retrospective: true },
  },
  {
    case: 'a council that sends in-house band A to panel too',
    policy: { bandRoutes: { A_IN_HOUSE: { approver: 'SM', panel: 'PLACEMENT_RESOURCES' } } },
    facts: {},
    expect: { panel: 'PLACEMENT_RESOURCES', approver: 'SM' },
  },
];

export const ALL_ROWS: Row[] = [...PLACEMENT_ROWS, ...ENTRY_ROWS, ...POLICY_ROWS];
