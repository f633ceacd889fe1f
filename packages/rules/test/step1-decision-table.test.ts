import { describe, expect, it } from 'vitest';
import { evaluate, type ApproverTier, type PanelType, type RequestFacts } from '../src/index.js';
import { due, facts, gbp, ids } from './fixtures.js';

/**
 * Decision table: placements under the default policy (section 6 of the domain notes).
 * Each row: what the request is -> who approves, which panel, cost band, blocks.
 */
interface Row {
  case: string;
  facts: Partial<RequestFacts>;
  approver: ApproverTier;
  panel: PanelType | null;
  band: string | null;
  blocks?: string[];
  specials?: string[];
}

const rows: Row[] = [
  // ---- cost bands (section 6.2) ----
  { case: 'in-house foster £450/wk, in area', facts: {}, approver: 'SM', panel: null, band: 'A' },
  { case: 'IFA £900/wk (external, band A)', facts: { placementType: 'IFA_FOSTER', provision: 'EXTERNAL', weeklyCostPence: gbp(900) }, approver: 'HOS', panel: null, band: 'A' },
  { case: 'external exactly £1,000/wk is still band A', facts: { placementType: 'IFA_ENHANCED', provision: 'EXTERNAL', weeklyCostPence: gbp(1000) }, approver: 'HOS', panel: null, band: 'A' },
  { case: 'external £1,000.01/wk is band B', facts: { placementType: 'IFA_ENHANCED', provision: 'EXTERNAL', weeklyCostPence: gbp(1000.01) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' },
  { case: 'in-house £1,200/wk is band B (in-house only matters in band A)', facts: { weeklyCostPence: gbp(1200) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' },
  { case: '£5,000/wk is the top of band B', facts: { placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(5000) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' },
  { case: '£5,000.01/wk children\'s home is band C: panel + AD', facts: { placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(5000.01) }, approver: 'AD', panel: 'PLACEMENT_RESOURCES', band: 'C' },
  { case: '£9,999.99/wk is the top of band C', facts: { placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(9999.99) }, approver: 'AD', panel: 'PLACEMENT_RESOURCES', band: 'C' },
  { case: '£10,000/wk bespoke home is band D: DCS, high-cost panel', facts: { placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(10000) }, approver: 'DCS', panel: 'HIGH_COST', band: 'D' },
  { case: '£900 + £200 additional services = £1,100 gross: band B', facts: { placementType: 'IFA_FOSTER', provision: 'EXTERNAL', weeklyCostPence: gbp(900), additionalServicesWeeklyPence: gbp(200) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' },
  // ---- off framework: one tier up ----
  { case: 'off-framework IFA £900/wk: HOS + 1 = AD', facts: { placementType: 'IFA_FOSTER', provision: 'EXTERNAL', weeklyCostPence: gbp(900), offFramework: true }, approver: 'AD', panel: null, band: 'A' },
  { case: 'off-framework band C: AD + 1 = DCS', facts: { placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(6000), offFramework: true }, approver: 'DCS', panel: 'PLACEMENT_RESOURCES', band: 'C' },
  { case: 'off-framework band D stays at DCS (the top)', facts: { placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(12000), offFramework: true }, approver: 'DCS', panel: 'HIGH_COST', band: 'D' },
  // ---- location (CPPCR reg 11) ----
  { case: 'IFA £900/wk in an adjoining council: nominated officer (AD)', facts: { placementType: 'IFA_FOSTER', provision: 'EXTERNAL', weeklyCostPence: gbp(900), location: 'OUT_OF_AREA_ADJOINING' }, approver: 'AD', panel: null, band: 'A', specials: ['NOMINATED_OFFICER'] },
  { case: 'children\'s home £5,500/wk at a distance: DCS', facts: { placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(5500), location: 'OUT_OF_AREA_AT_DISTANCE' }, approver: 'DCS', panel: 'PLACEMENT_RESOURCES', band: 'C', specials: ['NOMINATED_OFFICER'] },
  { case: 'kinship carer out of area: excluded from reg 11 approval', facts: { placementType: 'KINSHIP_FOSTER', weeklyCostPence: gbp(300), location: 'OUT_OF_AREA_AT_DISTANCE' }, approver: 'SM', panel: null, band: 'A' },
  { case: 'own foster carer out of area: excluded from reg 11 approval', facts: { location: 'OUT_OF_AREA_ADJOINING' }, approver: 'SM', panel: null, band: 'A' },
  // ---- blocks (statutory) ----
  { case: '15-year-old in registered supported accommodation: reg 27A', facts: { childAge: 15, placementType: 'SUPPORTED_ACCOM_REGISTERED', provision: 'EXTERNAL', weeklyCostPence: gbp(1500) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B', blocks: ['block.reg27A_under_16'] },
  { case: '14-year-old in an unregulated setting: reg 27A', facts: { childAge: 14, placementType: 'OTHER_ARRANGEMENTS_UNREGULATED', provision: 'EXTERNAL', weeklyCostPence: gbp(3000) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B', blocks: ['block.reg27A_under_16'] },
  { case: '15-year-old in supported lodgings: reg 27A', facts: { childAge: 15, placementType: 'SUPPORTED_LODGINGS', provision: 'EXTERNAL', weeklyCostPence: gbp(400) }, approver: 'HOS', panel: null, band: 'A', blocks: ['block.reg27A_under_16'] },
  { case: '16-year-old in unregistered supported accommodation: reg 27C', facts: { childAge: 16, placementType: 'SUPPORTED_ACCOM_UNREGISTERED', provision: 'EXTERNAL', weeklyCostPence: gbp(1500) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B', blocks: ['block.reg27C_unregistered_supported'] },
  { case: '15-year-old in unregistered supported accommodation: both 27A and 27C? no: 27A only', facts: { childAge: 15, placementType: 'SUPPORTED_ACCOM_UNREGISTERED', provision: 'EXTERNAL', weeklyCostPence: gbp(1500) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B', blocks: ['block.reg27A_under_16'] },
  { case: '17-year-old in an unregulated setting: reg 27C', facts: { childAge: 17, placementType: 'OTHER_ARRANGEMENTS_UNREGULATED', provision: 'EXTERNAL', weeklyCostPence: gbp(800) }, approver: 'HOS', panel: null, band: 'A', blocks: ['block.reg27C_unregistered_supported'] },
  { case: '16-year-old in registered supported accommodation: allowed', facts: { childAge: 16, placementType: 'SUPPORTED_ACCOM_REGISTERED', provision: 'EXTERNAL', weeklyCostPence: gbp(1500) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' },
  { case: '15-year-old in a children\'s home: not other arrangements, allowed', facts: { childAge: 15, placementType: 'PRIVATE_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(4000) }, approver: 'HOS', panel: 'PLACEMENT_RESOURCES', band: 'B' },
  { case: 'unregistered children\'s home, no DoL order: blocked, DCS', facts: { childAge: 13, placementType: 'UNREGISTERED_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(12000) }, approver: 'DCS', panel: 'HIGH_COST', band: 'D', blocks: ['block.unregistered_childrens_home'], specials: ['LEGAL'] },
  { case: 'unregistered home, DoL order but no registration applied: blocked', facts: { childAge: 13, placementType: 'UNREGISTERED_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(12000), hasDolOrder: true }, approver: 'DCS', panel: 'HIGH_COST', band: 'D', blocks: ['block.unregistered_childrens_home'], specials: ['LEGAL'] },
  { case: 'unregistered home, DoL order and registration applied: DCS, not blocked', facts: { childAge: 13, legalStatus: 'DOL_INHERENT', placementType: 'UNREGISTERED_CHILDRENS_HOME', provision: 'EXTERNAL', weeklyCostPence: gbp(12000), hasDolOrder: true, registrationApplied: true }, approver: 'DCS', panel: 'HIGH_COST', band: 'D', specials: ['LEGAL'] },
];

describe('decision table: placements (default policy)', () => {
  it.each(rows)('$case', async (row) => {
    const o = await evaluate(facts(row.facts));
    expect({
      approver: o.approver,
      panel: o.panel,
      band: o.costBand,
      blocked: o.blocked,
      blocks: ids(o.blocks),
      specials: o.specialApprovers.map((s) => s.role),
    }).toEqual({
      approver: row.approver,
      panel: row.panel,
      band: row.band,
      blocked: (row.blocks ?? []).length > 0,
      blocks: row.blocks ?? [],
      specials: row.specials ?? [],
    });
    // every block names its rule and regulation; every requirement is explained
    for (const b of o.blocks) {
      expect(b.regulation).not.toBe('');
      expect(o.reasons.some((r) => r.ruleId === b.ruleId)).toBe(true);
    }
  });
});

/** Emergencies: retrospective approval and deadlines as dates (working days, E&W bank holidays). */
interface DeadlineRow {
  case: string;
  facts: Partial<RequestFacts>;
  retrospective: boolean;
  due: Record<string, string | undefined>;
}

const deadlineRows: DeadlineRow[] = [
  {
    case: 'planned placement starting Tue 24 Nov 2026: plan within 5 WD',
    facts: {},
    retrospective: false,
    due: { 'deadline.placement_plan': '2026-12-01', 'deadline.retrospective_approval': undefined, 'deadline.first_visit': '2026-12-01' },
  },
  {
    case: 'emergency, placed Fri 18 Dec 2026: Christmas and the Boxing Day substitute (Mon 28th) are skipped',
    facts: { urgency: 'EMERGENCY', placedAt: '2026-12-18', submittedAt: '2026-12-19T09:30:00+00:00' },
    retrospective: true,
    due: { 'deadline.placement_plan': '2026-12-29', 'deadline.retrospective_approval': '2027-01-06', 'deadline.emergency_review': '2026-12-21' },
  },
  {
    case: 'emergency, placed Thu 2 Apr 2026: Good Friday and Easter Monday are skipped',
    facts: { urgency: 'EMERGENCY', placedAt: '2026-04-02', submittedAt: '2026-04-02T23:10:00+01:00' },
    retrospective: true,
    due: { 'deadline.placement_plan': '2026-04-13', 'deadline.retrospective_approval': '2026-04-20' },
  },
  {
    case: 'emergency, placed Sat 22 Aug 2026: the summer bank holiday (31 Aug) is skipped',
    facts: { urgency: 'EMERGENCY', placedAt: '2026-08-22', submittedAt: '2026-08-22T03:00:00+01:00' },
    retrospective: true,
    due: { 'deadline.placement_plan': '2026-08-28', 'deadline.retrospective_approval': '2026-09-07' },
  },
  {
    case: 'urgent (not yet placed) out-of-area IFA: area authority told before placement, no retrospective task',
    facts: { urgency: 'URGENT', location: 'OUT_OF_AREA_ADJOINING', placementType: 'IFA_FOSTER', provision: 'EXTERNAL', weeklyCostPence: gbp(950) },
    retrospective: false,
    due: { 'deadline.area_authority_notice': undefined, 'deadline.retrospective_approval': undefined },
  },
  {
    case: 'emergency out-of-area placement on Wed 23 Dec 2026: area authority notice within 5 WD',
    facts: { urgency: 'EMERGENCY', placedAt: '2026-12-23', submittedAt: '2026-12-23T20:00:00+00:00', location: 'OUT_OF_AREA_ADJOINING', placementType: 'IFA_FOSTER', provision: 'EXTERNAL', weeklyCostPence: gbp(950) },
    retrospective: true,
    due: { 'deadline.area_authority_notice': '2027-01-04', 'deadline.placement_plan': '2027-01-04', 'deadline.retrospective_approval': '2027-01-11' },
  },
];

describe('decision table: emergencies and deadlines (default policy)', () => {
  it.each(deadlineRows)('$case', async (row) => {
    const o = await evaluate(facts(row.facts));
    expect(o.retrospective).toBe(row.retrospective);
    for (const [id, date] of Object.entries(row.due)) expect([id, due(o, id)]).toEqual([id, date]);
    for (const d of o.deadlines) {
      expect(d.due).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(o.escalations.some((e) => e.deadlineId === d.id && e.kind === 'BREACH')).toBe(true);
    }
  });

  it('retrospective approval is a local rule: the deadline follows the council policy', async () => {
    const { validatePolicy } = await import('../src/index.js');
    const policy = validatePolicy({ ratification: { workingDays: 5 } });
    const o = await evaluate(facts({ urgency: 'EMERGENCY', placedAt: '2026-12-18' }), policy);
    expect(due(o, 'deadline.retrospective_approval')).toBe('2026-12-29');
  });
});
