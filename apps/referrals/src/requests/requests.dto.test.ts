import fc from 'fast-check';
import { fromDayNumber, toDayNumber } from '@placewise/contracts/dates';
import {
  DERIVED_FACTS,
  evaluate,
  factsFromRequest,
  LEGACY_FACTS,
  RECORD_FACTS,
  RequestFactsSchema,
  RequestInputFactsSchema,
  type RequestFacts,
} from '@placewise/rules';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SubmitRequest, typedFacts } from './requests.dto.js';

const API_ONLY = ['childId', 'summary'];
const apiKeys = () => Object.keys((SubmitRequest as unknown as { shape?: Record<string, unknown> }).shape ?? shapeOf(SubmitRequest));

/** The object shape under the refinements (zod 4 keeps refinements as checks on the object itself). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  return (schema as unknown as z.ZodObject).shape;
}

describe('the request API accepts every fact the rules define, from one schema', () => {
  it('API keys = the rules facts - derived - from the record - legacy + the child and the summary (a fact in one and not the other fails here)', () => {
    const facts = Object.keys(RequestFactsSchema.shape);
    const expected = facts.filter((k) => !(k in DERIVED_FACTS) && !(k in RECORD_FACTS) && !(k in LEGACY_FACTS));
    expect(
      apiKeys()
        .filter((k) => !API_ONLY.includes(k))
        .sort(),
    ).toEqual(expected.sort());
    expect(Object.keys(RequestInputFactsSchema.shape).sort()).toEqual(expected.sort());
  });

  it('the facts the CLI-only rules need are accepted (no more "Unrecognized keys")', () => {
    const body = {
      childId: '6f1c1e9e-2a7e-4a0b-9a59-6ad0a2b1f0a1',
      kind: 'ENTRY_TO_CARE',
      legalStatus: 'ICO_S38',
      placementType: 'KINSHIP_FOSTER',
      provision: 'IN_HOUSE',
      weeklyCostPence: 25_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
      proceedingsIssuedOn: '2026-11-02',
      connectedPersonTempApprovalWeeks: 16,
      educationDisrupted: true,
      ntsTransfer: false,
      hasSecureOrder: false,
      partnerContributionRequested: true,
    };
    const r = SubmitRequest.safeParse(body);
    expect(r.success ? [] : r.error.issues).toEqual([]);
  });

  it('a derived fact cannot be typed: childAge and keyStage4 are refused with the field', () => {
    const r = SubmitRequest.safeParse({
      childId: '6f1c1e9e-2a7e-4a0b-9a59-6ad0a2b1f0a1',
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'INHOUSE_FOSTER',
      provision: 'IN_HOUSE',
      weeklyCostPence: 45_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
      childAge: 15,
      keyStage4: true,
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/childAge/);
  });

  it("a fact from the child's record cannot be typed: placement moves and since when looked after are refused", () => {
    const r = SubmitRequest.safeParse({
      childId: '6f1c1e9e-2a7e-4a0b-9a59-6ad0a2b1f0a1',
      kind: 'PLACEMENT',
      legalStatus: 'CO_S31',
      placementType: 'INHOUSE_FOSTER',
      provision: 'IN_HOUSE',
      weeklyCostPence: 45_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
      placementMovesLast12Months: 4,
      lookedAfterSince: '2025-01-01',
    });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/placementMovesLast12Months/);
    expect(JSON.stringify(r.error?.issues)).toMatch(/lookedAfterSince/);
  });

  it('a reg 25 extension needs a connected person (the day approval began is given, or found on record by the service)', () => {
    const base = {
      childId: '6f1c1e9e-2a7e-4a0b-9a59-6ad0a2b1f0a1',
      kind: 'CARER_APPROVAL_EXTENSION',
      legalStatus: 'CO_S31',
      placementType: 'KINSHIP_FOSTER',
      provision: 'IN_HOUSE',
      weeklyCostPence: 25_000,
      location: 'IN_AREA',
      urgency: 'PLANNED',
    };
    const notKinship = SubmitRequest.safeParse({ ...base, placementType: 'IFA_FOSTER' });
    expect(notKinship.error?.issues.map((i) => i.path.join('.'))).toContain('placementType');
    expect(
      SubmitRequest.safeParse({ ...base, connectedPersonTempApprovedOn: '2026-09-07', connectedPersonTempApprovalWeeks: 24 }).success,
    ).toBe(true);
  });

  // ---- property: random requests built from the schema itself ----
  const DAY_FROM = toDayNumber('2024-01-01');
  const DAY_TO = toDayNumber('2026-11-30');
  const day = fc.integer({ min: DAY_FROM, max: DAY_TO }).map(fromDayNumber);
  const instant = fc
    .integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 10, 30) })
    .map((ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));

  /** An arbitrary for one field, read from its zod definition, so a new fact is generated without touching this test. */
  function arbitraryOf(s: z.ZodType): fc.Arbitrary<unknown> {
    if (s instanceof z.ZodOptional) return fc.option(arbitraryOf(s.unwrap() as z.ZodType), { nil: undefined });
    if (s instanceof z.ZodNullable) return fc.option(arbitraryOf(s.unwrap() as z.ZodType), { nil: null });
    if (s instanceof z.ZodBoolean) return fc.boolean();
    if (s instanceof z.ZodEnum) return fc.constantFrom(...(s.options as string[]));
    if (s instanceof z.ZodNumber) {
      const min = Math.max(s.minValue ?? 0, 0);
      const max = Math.min(s.maxValue ?? 1_000_000, 1_000_000);
      return s.isInt
        ? fc.integer({ min, max })
        : fc
            .integer({ min, max })
            .map((n) => n / 2)
            .filter((n) => n <= max);
    }
    if (s instanceof z.ZodISODate) return day;
    if (s instanceof z.ZodISODateTime) return instant;
    throw new Error(`no arbitrary for ${s.constructor.name}: add one`);
  }

  const shape = RequestInputFactsSchema.shape as Record<string, z.ZodType>;
  const typedArb = fc.record(Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, arbitraryOf(s)]))).map((r) => {
    const body: Record<string, unknown> = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== null));
    // the API's own rules about combinations, so the body is one a person could send
    if (body.urgency !== 'EMERGENCY') delete body.placedAt;
    if (body.kind === 'EXIT') body.effectiveDate ??= '2026-11-30';
    if (body.kind === 'CARER_APPROVAL_EXTENSION') {
      body.placementType = 'KINSHIP_FOSTER';
      body.connectedPersonTempApprovedOn ??= '2026-09-07';
    }
    return { childId: '6f1c1e9e-2a7e-4a0b-9a59-6ad0a2b1f0a1', ...body };
  });

  it('property: any request the API accepts gives facts the rules accept, every typed fact carried unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(typedArb, day, instant, async (body, dob, submittedAt) => {
        const parsed = SubmitRequest.safeParse(body);
        expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
        const facts: RequestFacts = factsFromRequest(typedFacts(parsed.data!), { dateOfBirth: dob, submittedAt });
        if (facts.childAge < 0) return; // born after the start day
        expect(RequestFactsSchema.safeParse(facts).success).toBe(true);
        for (const [k, v] of Object.entries(body)) if (!API_ONLY.includes(k)) expect((facts as Record<string, unknown>)[k]).toEqual(v);
        await evaluate(facts);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
