import fc from 'fast-check';
import { addMonths, fromDayNumber, londonDate, toDayNumber } from '@placewise/contracts/dates';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  canonicalJson,
  childFactsOn,
  DERIVED_FACTS,
  evaluate,
  factsFromRecord,
  factsFromRequest,
  LEGACY_FACTS,
  lookedAfterWorkingDays,
  RECORD_FACTS,
  RequestFactsSchema,
  RequestInputFactsSchema,
  schoolYearOn,
  type RequestFacts,
} from '../src/index.js';
import { factsArb } from './arbitraries.js';
import { BASE, ids } from './fixtures.js';

describe('facts: one schema, derived facts', () => {
  it('every fact is either typed on a request or derived (or kept for old requests): no fact is lost or invented', () => {
    const all = Object.keys(RequestFactsSchema.shape).sort();
    const typed = Object.keys(RequestInputFactsSchema.shape);
    expect([...typed, ...Object.keys(DERIVED_FACTS), ...Object.keys(RECORD_FACTS), ...Object.keys(LEGACY_FACTS)].sort()).toEqual(all);
    for (const k of [...Object.keys(DERIVED_FACTS), ...Object.keys(RECORD_FACTS)]) expect(typed).not.toContain(k);
    expect(RequestInputFactsSchema.strict().safeParse({ ...BASE, placementMovesLast12Months: 3 }).success).toBe(false);
  });

  it('age: whole years on the day, a 29 February birthday counted from 1 March', () => {
    expect(ageOn('2010-07-14', '2026-07-13')).toBe(15);
    expect(ageOn('2010-07-14', '2026-07-14')).toBe(16);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('school year by the 1 September cut-off: key stage 4 is Years 10 and 11', () => {
    // born 31 Aug 2011: the youngest of their year, Year 10 from 1 Sep 2025
    expect(schoolYearOn('2011-08-31', '2025-09-01')).toBe(10);
    expect(schoolYearOn('2011-08-31', '2025-08-31')).toBe(9);
    // born 1 Sep 2010 to 31 Aug 2011: Year 10 in 2025-26; born a day earlier: Year 11
    expect(schoolYearOn('2010-09-01', '2025-09-01')).toBe(10);
    expect(schoolYearOn('2010-08-31', '2025-09-01')).toBe(11);
    expect(childFactsOn('2010-08-31', '2025-09-01')).toEqual({ childAge: 15, schoolYear: 11, keyStage4: true });
    expect(childFactsOn('2009-08-31', '2025-09-01')).toEqual({ childAge: 16, schoolYear: 12, keyStage4: false });
    // Reception (0) in the school year the child turns 5
    expect(childFactsOn('2020-09-01', '2025-09-01').schoolYear).toBe(0);
  });

  it("the 16th birthday's first hour in summer: London says 16, so reg 27A does not block supported accommodation", async () => {
    // 23:30 UTC on 13 July is 00:30 BST on 14 July, the 16th birthday; a UTC "today" would still say 15
    const submittedAt = '2026-07-13T23:30:00Z';
    const typed = {
      kind: 'PLACEMENT',
      legalStatus: 'S20',
      placementType: 'SUPPORTED_ACCOM_REGISTERED',
      provision: 'EXTERNAL',
      weeklyCostPence: 120_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
    } as const;
    const facts = factsFromRequest(typed, { dateOfBirth: '2010-07-14', submittedAt });
    expect(facts.childAge).toBe(16);
    const o = await evaluate(facts);
    expect(ids(o.blocks)).not.toContain('block.reg27A_under_16');
    expect(o.blocked).toBe(false);
    // a second before midnight in London (23:59:59 BST on 13 July) the child is 15 and reg 27A blocks it
    const eve = factsFromRequest(typed, { dateOfBirth: '2010-07-14', submittedAt: '2026-07-13T22:59:59Z' });
    expect(eve.childAge).toBe(15);
    expect(ids((await evaluate(eve)).blocks)).toContain('block.reg27A_under_16');
  });

  it('age is on the placement start date, not the day of submission', () => {
    const typed = { ...BASE, placedAt: null, plannedStartDate: '2026-12-20' };
    const { childAge: _a, submittedAt: _s, ...input } = typed;
    expect(factsFromRequest(input, { dateOfBirth: '2010-12-15', submittedAt: '2026-12-01T10:00:00Z' }).childAge).toBe(16);
    expect(
      factsFromRequest({ ...input, plannedStartDate: '2026-12-10' }, { dateOfBirth: '2010-12-15', submittedAt: '2026-12-01T10:00:00Z' })
        .childAge,
    ).toBe(15);
  });

  it('key stage 4 and a disrupted education bring reg 10 in, from the date of birth', async () => {
    const input = { ...BASE, educationDisrupted: true };
    const { childAge: _a, submittedAt: _s, ...typed } = input;
    const ks4 = await evaluate(factsFromRequest(typed, { dateOfBirth: '2011-03-01', submittedAt: BASE.submittedAt }));
    expect(ks4.firedRules).toContain('stat.ks4_disruption');
    const year9 = await evaluate(factsFromRequest(typed, { dateOfBirth: '2013-03-01', submittedAt: BASE.submittedAt }));
    expect(year9.firedRules).not.toContain('stat.ks4_disruption');
  });

  it('the record seam: moves in the last 12 months and working days looked after', () => {
    expect(
      factsFromRecord({ placementStarts: ['2025-01-10', '2026-02-01', '2026-06-01'], lookedAfterSince: '2025-01-10' }, '2026-11-24'),
    ).toEqual({
      placementMovesLast12Months: 2,
      lookedAfterSince: '2025-01-10',
    });
    // the first placement of all is not a move
    expect(
      factsFromRecord({ placementStarts: ['2026-06-01'], lookedAfterSince: '2026-06-01' }, '2026-11-24').placementMovesLast12Months,
    ).toBe(0);
    expect(lookedAfterWorkingDays('2026-11-16', '2026-12-14')).toBe(20);
    expect(lookedAfterWorkingDays(undefined, '2026-12-14')).toBeNull();
  });

  it('property: the typed part of any request parses with the request schema, and deriving gives back facts the rules accept', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const typed = Object.fromEntries(
          Object.entries(f).filter(([k]) => !(k in DERIVED_FACTS) && !(k in RECORD_FACTS) && !(k in LEGACY_FACTS)),
        );
        expect(RequestInputFactsSchema.safeParse(typed).success).toBe(true);
        const derived = factsFromRequest(RequestInputFactsSchema.parse(typed), { dateOfBirth: '2010-05-05', submittedAt: f.submittedAt });
        expect(RequestFactsSchema.safeParse(derived).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('property: deriving the child facts from the date of birth gives the same outcome as typing them', async () => {
    const dob = fc.integer({ min: toDayNumber('2005-01-01'), max: toDayNumber('2026-01-01') }).map(fromDayNumber);
    await fc.assert(
      fc.asyncProperty(factsArb, dob, fc.boolean(), async (f, dateOfBirth, disrupted) => {
        const {
          childAge: _a,
          ks4EducationDisrupted: _k,
          outOfHours: _o,
          schoolYear: _y,
          keyStage4: _s,
          placementMovesLast12Months: _m,
          lookedAfterSince: _l,
          ...typed
        } = f;
        const input = { ...typed, educationDisrupted: disrupted };
        const derived = factsFromRequest(input, { dateOfBirth, submittedAt: f.submittedAt });
        if (derived.childAge < 0 || derived.childAge > 25) return; // born after the start day: not a request anyone can make
        // typed by hand, as a person would have: the age on the start day and whether reg 10 applies
        const start = f.placedAt ?? f.plannedStartDate ?? f.effectiveDate ?? derived.submittedAt;
        const day = start.length === 10 ? start : londonDate(start);
        const age = ageOn(dateOfBirth, day);
        const year = schoolYearOn(dateOfBirth, day);
        const byHand: RequestFacts = { ...input, childAge: age, ks4EducationDisrupted: disrupted && (year === 10 || year === 11) };
        expect(canonicalJson(await evaluate(derived))).toBe(canonicalJson(await evaluate(byHand)));
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('property: deriving the facts from the looked-after record gives the same outcome as typing them', async () => {
    // placements around the start day (up to 18 months before, a month after), and the period of care
    const record = fc.record({
      starts: fc.array(fc.integer({ min: -540, max: 30 }), { maxLength: 7 }),
      since: fc.option(fc.integer({ min: -900, max: 0 }), { nil: null }),
    });
    let stabilityReviews = 0;
    let counted = 0;
    await fc.assert(
      fc.asyncProperty(factsArb, record, async (f, r) => {
        const {
          childAge: _a,
          ks4EducationDisrupted: _k,
          outOfHours: _o,
          schoolYear: _y,
          keyStage4: _s,
          placementMovesLast12Months: _m,
          lookedAfterSince: _l,
          ...typed
        } = f;
        const start = f.placedAt ?? f.plannedStartDate ?? f.effectiveDate ?? londonDate(f.submittedAt);
        const day = start.length === 10 ? start : londonDate(start);
        const at = (offset: number) => fromDayNumber(toDayNumber(day) + offset);
        const looked = { placementStarts: r.starts.map(at), lookedAfterSince: r.since === null ? null : at(r.since) };
        const derived = factsFromRequest(typed, { dateOfBirth: '2012-03-04', submittedAt: f.submittedAt, record: looked });
        // typed by hand, as a social worker reading the record would have: every placement that
        // began in the 12 months up to the start day, less the child's first placement of all
        const windowFrom = addMonths(day, -12);
        const first = [...looked.placementStarts].sort()[0];
        const inWindow = looked.placementStarts.filter((d) => d > windowFrom && d <= day).length;
        const moves = inWindow - (first !== undefined && first > windowFrom && first <= day ? 1 : 0);
        const byHand: RequestFacts = {
          ...typed,
          ...childFactsOn('2012-03-04', day),
          placementMovesLast12Months: moves,
          ...(looked.lookedAfterSince ? { lookedAfterSince: looked.lookedAfterSince } : {}),
        };
        expect(derived.placementMovesLast12Months).toBe(moves);
        const [a, b] = [await evaluate(derived), await evaluate(byHand)];
        expect(canonicalJson(a)).toBe(canonicalJson(b));
        counted++;
        if (a.firedRules.some((id) => id.includes('stability'))) stabilityReviews++;
      }),
      { numRuns: 150 },
    );
    // the record's moves reached the stability review panel in some runs: the fact was read, not ignored
    expect(counted).toBe(150);
    expect(stabilityReviews).toBeGreaterThan(0);
  }, 60_000);

  it('a request cannot type a fact from the record: what it typed is left out, the record decides', () => {
    const typed = { ...BASE, placementMovesLast12Months: 9, lookedAfterSince: '2020-01-01' } as never;
    const facts = factsFromRequest(typed, {
      dateOfBirth: '2012-03-04',
      submittedAt: BASE.submittedAt,
      record: { placementStarts: ['2026-01-05'], lookedAfterSince: '2026-01-05' },
    });
    expect(facts.placementMovesLast12Months).toBe(0);
    expect(facts.lookedAfterSince).toBe('2026-01-05');
  });
});
