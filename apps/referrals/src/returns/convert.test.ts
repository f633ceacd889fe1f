import { describe, expect, it } from 'vitest';
import { openPlacement, recordToReturn, returnToRecords, yearOfReturn, type ChildRecord } from './convert.js';

const ep = (o: Partial<ChildRecord['episodes'][number]>) => ({
  decom: '2025-05-01',
  rne: 'S',
  ls: 'V2',
  cin: 'N1',
  place: 'K2',
  placeProvider: 'PR4',
  dec: null,
  rec: null,
  reasonPlaceChange: null,
  homePost: 'NS2 2BB',
  plPost: 'NS1 1AA',
  urn: 'SC123456',
  ...o,
});

const ava: ChildRecord = {
  reference: 'C0001',
  dob: '2012-03-04',
  sex: 'F',
  ethnicity: 'WBRI',
  upn: 'A123456789012',
  mother: false,
  motherChildDob: null,
  uasc: false,
  uascCeased: null,
  episodes: [
    ep({ dec: '2025-09-10', rec: 'X1', reasonPlaceChange: 'CREQB' }),
    ep({ decom: '2025-09-10', rne: 'P', place: 'U6', urn: 'SC999999', dec: '2025-11-03', rec: 'X1' }),
    ep({ decom: '2025-11-03', rne: 'L', ls: 'C1', place: 'U6', urn: 'SC999999' }),
  ],
  reviews: [{ heldOn: '2025-05-28', participation: 'PN1' }],
  missing: [{ kind: 'M', start: '2025-07-01', end: '2025-07-03' }],
  socialWorkers: [{ socialWorkerId: 'SW1001', start: '2025-05-01', end: null, reason: null }],
  careLeaverOutcomes: [],
  healthOutcomes: [],
  adoption: null,
  previousPermanence: { kind: 'Z1', council: null, date: null },
  adoptionDecisions: [],
  libertyOrders: [{ start: '2025-06-01', end: '2025-09-01' }],
};
const ben: ChildRecord = {
  ...ava,
  reference: 'C0002',
  dob: '2007-06-06',
  sex: 'M',
  upn: 'UN2',
  mother: null,
  uasc: true,
  uascCeased: '2025-06-06',
  episodes: [ep({ decom: '2024-02-01', homePost: null, dec: '2025-06-06', rec: 'E17', place: 'U6' })],
  reviews: [{ heldOn: '2024-03-01', participation: 'PN1' }],
  missing: [],
  socialWorkers: [],
  careLeaverOutcomes: [{ year: 2025, inTouch: 'YES', activity: 'F2', accommodation: 'Z1' }],
  previousPermanence: null,
  libertyOrders: [],
};

describe('the record and the return', () => {
  it('a year holds what overlaps it, and reading it back gives the same record', () => {
    const ret = recordToReturn([ben, ava], 2025);
    expect(ret.Header.map((h) => h.CHILD)).toEqual(['C0001', 'C0002']);
    expect(ret.Episodes).toHaveLength(4);
    expect(ret.Reviews).toEqual([{ CHILD: 'C0001', DOB: '2012-03-04', REVIEW: '2025-05-28', REVIEW_CODE: 'PN1' }]);
    expect(ret.UASC).toEqual([{ CHILD: 'C0002', SEX: 'M', DOB: '2007-06-06', DUC: '2025-06-06' }]);
    expect(ret.OC3).toEqual([{ CHILD: 'C0002', DOB: '2007-06-06', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'Z1' }]);
    expect(ret.PrevPerm).toHaveLength(1);
    expect(yearOfReturn(ret)).toBe(2025);
    const back = returnToRecords(ret, () => 2025);
    expect(back).toEqual([ava, { ...ben, reviews: [] }]);
    // a year before: Ben only, his episode still open at its end
    const before = recordToReturn([ava, ben], 2023);
    expect(before.Episodes).toEqual([expect.objectContaining({ CHILD: 'C0002', DEC: null, REC: null })]);
  });

  it('the open placement began at the last change of placement, back over legal-status changes', () => {
    expect(openPlacement(ava.episodes)).toEqual({ episode: ava.episodes[2], start: '2025-09-10' });
    expect(openPlacement(ben.episodes)).toBeNull();
  });

  it('OC2 goes out for its year, AD1 in the year the child left care adopted; both read back the same', () => {
    const oc2 = {
      year: 2025,
      sdqScore: 14,
      sdqReason: null,
      convicted: false,
      healthCheck: true,
      immunisations: true,
      teethCheck: false,
      healthAssessment: true,
      substanceMisuse: false,
      interventionReceived: null,
      interventionOffered: null,
    };
    const cat: ChildRecord = {
      ...ava,
      reference: 'C0003',
      dob: '2020-01-01',
      upn: 'B123456789012',
      episodes: [
        ep({ decom: '2023-02-01', place: 'U6', dec: '2024-11-04', rec: 'X1' }),
        ep({ decom: '2024-11-04', rne: 'P', ls: 'E1', place: 'A6', urn: 'SC777777', dec: '2025-10-20', rec: 'E11' }),
      ],
      reviews: [],
      missing: [],
      socialWorkers: [],
      previousPermanence: null,
      libertyOrders: [],
      healthOutcomes: [{ ...oc2, year: 2024, sdqScore: null, sdqReason: 'SDQ1', convicted: null }],
      adoption: {
        decidedOn: '2024-05-02',
        matchedOn: '2024-10-01',
        byFosterCarers: false,
        adopters: 2,
        adoptersSex: 'MF',
        adoptersLegalStatus: 'L11',
      },
    };
    const dan: ChildRecord = { ...ava, reference: 'C0004', healthOutcomes: [oc2] };
    const ret = recordToReturn([cat, dan], 2025);
    expect(ret.OC2).toEqual([
      {
        CHILD: 'C0004',
        DOB: '2012-03-04',
        SDQ_SCORE: '14',
        SDQ_REASON: null,
        CONVICTED: '0',
        HEALTH_CHECK: '1',
        IMMUNISATIONS: '1',
        TEETH_CHECK: '0',
        HEALTH_ASSESSMENT: '1',
        SUBSTANCE_MISUSE: '0',
        INTERVENTION_RECEIVED: null,
        INTERVENTION_OFFERED: null,
      },
    ]);
    expect(ret.AD1).toEqual([
      {
        CHILD: 'C0003',
        DOB: '2020-01-01',
        DATE_INT: '2024-05-02',
        DATE_MATCH: '2024-10-01',
        FOSTER_CARE: '0',
        NB_ADOPTR: '2',
        SEX_ADOPTR: 'MF',
        LS_ADOPTR: 'L11',
      },
    ]);
    // The year before: Cat's OC2 for 2024 (SDQ1), and no AD1 (she was not yet adopted).
    const before = recordToReturn([cat, dan], 2024);
    expect(before.OC2).toEqual([expect.objectContaining({ CHILD: 'C0003', SDQ_SCORE: null, SDQ_REASON: 'SDQ1', CONVICTED: null })]);
    expect(before.AD1).toEqual([]);
    const back = returnToRecords(ret, () => 2025);
    expect(back.find((c) => c.reference === 'C0004')?.healthOutcomes).toEqual([oc2]);
    expect(back.find((c) => c.reference === 'C0003')?.adoption).toEqual(cat.adoption);
    expect(returnToRecords(before, () => 2024).find((c) => c.reference === 'C0003')?.healthOutcomes).toEqual(cat.healthOutcomes);
  });
});
