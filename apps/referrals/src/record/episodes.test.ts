import { describe, expect, it } from 'vitest';
import {
  currentPeriodStart,
  legalStatusChanged,
  leftCare,
  lookedAfterRecordOf,
  moveReason,
  nextReviewDue,
  placementStarted,
  type Episode,
  type PlacementStart,
} from './episodes.js';
import { exitReason, legalStatusCode, placementCodes, reasonPlaceChangeOf, urnFor } from './mapping.js';

const home = 'aaaaaaaa-0000-4000-8000-000000000001';
const foster = 'aaaaaaaa-0000-4000-8000-000000000002';

function start(o: Partial<PlacementStart> = {}): PlacementStart {
  return {
    date: '2025-05-01',
    ls: 'V2',
    cin: 'N1',
    place: 'K2',
    placeProvider: 'PR4',
    urn: 'SC123456',
    plPost: 'NS1 1AA',
    placementId: '11111111-0000-4000-8000-000000000001',
    settingId: home,
    homePost: 'NS2 2BB',
    uasc: false,
    reasonPlaceChange: null,
    ...o,
  };
}

const first: Episode = {
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
  placementId: '11111111-0000-4000-8000-000000000001',
  settingId: home,
};

describe('episodes derived from placements', () => {
  it('a first placement opens RNE S with the home postcode', () => {
    expect(placementStarted(null, start())).toEqual({ open: first });
  });

  it('no home postcode for an asylum-seeking child (406)', () => {
    expect(placementStarted(null, start({ uasc: true })).open?.homePost).toBeNull();
  });

  it('a move to other carers closes X1 with the reason and opens P on the same day (433, 435)', () => {
    const move = start({
      date: '2025-09-10',
      place: 'U6',
      placeProvider: 'PR4',
      urn: 'SC999999',
      plPost: 'NS3 3CC',
      placementId: '11111111-0000-4000-8000-000000000002',
      settingId: foster,
      reasonPlaceChange: 'CREQB',
    });
    expect(placementStarted(first, move)).toEqual({
      close: { decom: '2025-05-01', dec: '2025-09-10', rec: 'X1', reasonPlaceChange: 'CREQB' },
      open: {
        ...first,
        decom: '2025-09-10',
        rne: 'P',
        place: 'U6',
        urn: 'SC999999',
        plPost: 'NS3 3CC',
        placementId: '11111111-0000-4000-8000-000000000002',
        settingId: foster,
      },
    });
  });

  it('a step-down is a move: from the home to fostering, reason the care plan when placement.ended has not come yet', () => {
    const c = placementStarted(first, start({ date: '2026-01-05', place: 'U6', placeProvider: 'PR1', urn: 'SC000111', settingId: foster }));
    expect(c.close).toEqual({ decom: '2025-05-01', dec: '2026-01-05', rec: 'X1', reasonPlaceChange: 'CARPL' });
    expect(c.open).toMatchObject({ decom: '2026-01-05', rne: 'P', place: 'U6', placeProvider: 'PR1' });
  });

  it('the same carers in another placement type is T; with a new legal status U', () => {
    const fostered: Episode = { ...first, place: 'U6', settingId: foster };
    const longTerm = start({ date: '2026-02-01', place: 'U4', settingId: foster });
    expect(placementStarted(fostered, longTerm).open?.rne).toBe('T');
    expect(placementStarted(fostered, { ...longTerm, ls: 'C2' }).open?.rne).toBe('U');
    expect(placementStarted(first, start({ date: '2026-02-01', ls: 'C2', place: 'U6', settingId: foster })).open?.rne).toBe('B');
  });

  it('a temporary placement ending carries no REASON_PLACE_CHANGE (226)', () => {
    const temp: Episode = { ...first, place: 'T4', placeProvider: 'PR4' };
    expect(placementStarted(temp, start({ date: '2025-05-06', reasonPlaceChange: 'CREQO' })).close?.reasonPlaceChange).toBeNull();
  });

  it('the same placement again makes no new episode', () => {
    expect(placementStarted(first, start({ date: '2025-06-01', placementId: '11111111-0000-4000-8000-000000000009' }))).toEqual({
      update: { decom: '2025-05-01', set: { placementId: '11111111-0000-4000-8000-000000000009' } },
    });
  });

  it('a move on the day the episode began changes that episode, keeping S', () => {
    const c = placementStarted(first, start({ place: 'U6', settingId: foster, placementId: '11111111-0000-4000-8000-000000000003' }));
    expect(c).toEqual({
      update: {
        decom: '2025-05-01',
        set: {
          place: 'U6',
          placeProvider: 'PR4',
          urn: 'SC123456',
          plPost: 'NS1 1AA',
          settingId: foster,
          placementId: '11111111-0000-4000-8000-000000000003',
          ls: 'V2',
          rne: 'S',
        },
      },
    });
  });
});

describe('episodes derived from legal-status changes', () => {
  it('an interim care order closes X1 and opens L with the same placement (434)', () => {
    expect(legalStatusChanged(first, '2025-07-15', 'C1')).toEqual({
      close: { decom: '2025-05-01', dec: '2025-07-15', rec: 'X1', reasonPlaceChange: null },
      open: { ...first, decom: '2025-07-15', rne: 'L', ls: 'C1' },
    });
  });

  it('the same status again changes nothing; a child not looked after has no episode to change', () => {
    expect(legalStatusChanged(first, '2025-07-15', 'V2')).toEqual({});
    expect(legalStatusChanged(null, '2025-07-15', 'C1')).toEqual({});
  });

  it('on the day of a move the move becomes B (other carers) or U (same carers) (436)', () => {
    const moved: Episode = { ...first, decom: '2025-09-10', rne: 'P' };
    expect(legalStatusChanged(moved, '2025-09-10', 'C2')).toEqual({ update: { decom: '2025-09-10', set: { ls: 'C2', rne: 'B' } } });
    expect(legalStatusChanged({ ...moved, rne: 'T' }, '2025-09-10', 'C2').update?.set.rne).toBe('U');
    // and a placement change after a same-day legal-status change
    const legal: Episode = { ...first, decom: '2025-09-10', rne: 'L', ls: 'C2' };
    expect(placementStarted(legal, start({ date: '2025-09-10', ls: 'C2', place: 'U6', settingId: foster })).update?.set.rne).toBe('B');
  });
});

describe('exits', () => {
  it('closes the open episode with the REC for the route', () => {
    expect(leftCare(first, '2026-03-01', 'E4A')).toEqual({
      close: { decom: '2025-05-01', dec: '2026-03-01', rec: 'E4A', reasonPlaceChange: null },
    });
    expect(leftCare(null, '2026-03-01', 'E4A')).toEqual({});
  });

  it('REC by exit route, placement and age', () => {
    expect(exitReason('REUNIFICATION', 'EXIT_FROM_CARE', 'K2', 12)).toBe('E4A');
    expect(exitReason('SPECIAL_GUARDIANSHIP_ORDER', 'EXIT_FROM_CARE', 'U3', 6)).toBe('E45');
    expect(exitReason('SPECIAL_GUARDIANSHIP_ORDER', 'EXIT_FROM_CARE', 'U6', 6)).toBe('E46');
    expect(exitReason('SPECIAL_GUARDIANSHIP_ORDER', 'EXIT_FROM_CARE', 'P1', 6)).toBe('E48');
    expect(exitReason('ADOPTION', 'EXIT_FROM_CARE', 'A5', 3)).toBe('E11');
    expect(exitReason('CHILD_ARRANGEMENTS_ORDER', 'EXIT_FROM_CARE', 'U3', 9)).toBe('E41');
    expect(exitReason('STAYING_PUT_OR_LEAVING_CARE_AT_18', 'AGE_18', 'U6', 18)).toBe('E17');
    expect(exitReason('STAYING_PUT_OR_LEAVING_CARE_AT_18', 'AGE_18', 'K3', 18)).toBe('E5');
    expect(exitReason('STAYING_PUT_OR_LEAVING_CARE_AT_18', 'AGE_18', 'K2', 18)).toBe('E6');
    expect(exitReason('TRANSFER_TO_ADULT_SERVICES', 'AGE_18', 'K2', 18)).toBe('E7');
    expect(exitReason(null, 'EXIT_FROM_CARE', 'K2', 15)).toBe('E8');
  });

  it('a placement.ended after the move puts its reason on the closed episode, only before a placement change', () => {
    const closed: Episode = { ...first, dec: '2025-09-10', rec: 'X1', reasonPlaceChange: 'CARPL' };
    const next: Episode = { ...first, decom: '2025-09-10', rne: 'P' };
    expect(moveReason(closed, next, 'CREQB')).toEqual({ update: { decom: '2025-05-01', set: { reasonPlaceChange: 'CREQB' } } });
    expect(moveReason(closed, { ...next, rne: 'L' }, 'CREQB')).toEqual({});
  });
});

describe('the review clock', () => {
  it('is the child’s: 20 working days, then 3 months, then every 6 months; a move does not restart it', () => {
    // 1 May 2025 + 20 working days (the 5 and 26 May bank holidays skipped) = 2 June 2025
    expect(nextReviewDue('2025-05-01', [])).toBe('2025-06-02');
    expect(nextReviewDue('2025-05-01', ['2025-05-28'])).toBe('2025-08-28');
    expect(nextReviewDue('2025-05-01', ['2025-05-28', '2025-08-20'])).toBe('2026-02-20');
    expect(nextReviewDue(null, ['2025-05-28'])).toBeNull();
    const episodes = [
      { decom: '2025-05-01', rne: 'S' as const, dec: '2025-09-10' },
      { decom: '2025-09-10', rne: 'P' as const, dec: null },
    ];
    expect(currentPeriodStart(episodes)).toBe('2025-05-01');
    expect(currentPeriodStart([{ decom: '2025-05-01', rne: 'S' as const, dec: '2025-06-01' }])).toBeNull();
  });
});

describe('the mapping from Placewise to the 903', () => {
  it('placement type and provision to PLACE and PLACE_PROVIDER', () => {
    expect(placementCodes('PRIVATE_CHILDRENS_HOME', 'EXTERNAL')).toEqual({ place: 'K2', placeProvider: 'PR4', urnRequired: true });
    expect(placementCodes('LA_CHILDRENS_HOME', 'IN_HOUSE')).toEqual({ place: 'K2', placeProvider: 'PR1', urnRequired: true });
    expect(placementCodes('VOL_CHILDRENS_HOME', 'EXTERNAL')).toEqual({ place: 'K2', placeProvider: 'PR5', urnRequired: true });
    expect(placementCodes('INHOUSE_FOSTER', 'IN_HOUSE')).toEqual({ place: 'U6', placeProvider: 'PR1', urnRequired: true });
    expect(placementCodes('IFA_FOSTER', 'EXTERNAL')).toEqual({ place: 'U6', placeProvider: 'PR4', urnRequired: true });
    expect(placementCodes('KINSHIP_FOSTER', 'IN_HOUSE')).toEqual({ place: 'U3', placeProvider: 'PR1', urnRequired: true });
    expect(placementCodes('PLACED_WITH_PARENTS', 'IN_HOUSE')).toEqual({ place: 'P1', placeProvider: 'PR0', urnRequired: false });
    expect(placementCodes('SECURE_CHILDRENS_HOME', 'EXTERNAL')).toEqual({ place: 'K1', placeProvider: 'PR4', urnRequired: true });
    expect(placementCodes('SUPPORTED_ACCOM_REGISTERED', 'EXTERNAL')).toEqual({ place: 'K3', placeProvider: 'PR4', urnRequired: true });
    // Z11-Z14: no provider (178, 213), no URN (218)
    expect(placementCodes('UNREGISTERED_CHILDRENS_HOME', 'EXTERNAL')).toEqual({ place: 'Z12', placeProvider: null, urnRequired: false });
    expect(placementCodes('HOSPITAL', 'EXTERNAL')).toEqual({ place: 'R2', placeProvider: 'PR3', urnRequired: false });
  });

  it('legal status to LS, keeping the current one for orders that are not a legal status', () => {
    expect(legalStatusCode('S20', null)).toBe('V2');
    expect(legalStatusCode('ICO_S38', 'V2')).toBe('C1');
    expect(legalStatusCode('CO_S31', 'C1')).toBe('C2');
    expect(legalStatusCode('PLACEMENT_ORDER', 'C2')).toBe('E1');
    expect(legalStatusCode('REMAND_YDA', null)).toBe('J1');
    expect(legalStatusCode('SECURE_S25', 'C2')).toBe('C2');
    expect(legalStatusCode('DOL_INHERENT', null)).toBe('V2');
  });

  it('end reasons to REASON_PLACE_CHANGE, and URN blank where none is wanted (222)', () => {
    expect(reasonPlaceChangeOf('BREAKDOWN')).toBe('CREQB');
    expect(reasonPlaceChangeOf('PROVIDER_NOTICE')).toBe('CREQO');
    expect(reasonPlaceChangeOf('STEP_DOWN')).toBe('CARPL');
    expect(urnFor('P1', 'SC123456')).toBeNull();
    expect(urnFor('P1', 'XXXXXXX')).toBe('XXXXXXX');
    expect(urnFor('K2', 'SC123456')).toBe('SC123456');
  });
});

describe('what the rules read from the episodes', () => {
  const ep = (decom: string, rne: Episode['rne'], o: Partial<Episode> = {}): Episode => ({
    ...first,
    decom,
    rne,
    dec: null,
    rec: null,
    ...o,
  });

  it('starts of care and changes of carers are placements; a legal-status change, the same carers and a temporary stay are not', () => {
    const episodes = [
      ep('2024-01-10', 'S', { dec: '2024-03-01', rec: 'E4A' }),
      ep('2025-02-01', 'S', { settingId: home }),
      ep('2025-04-01', 'L', { settingId: home, ls: 'C2' }),
      ep('2025-06-01', 'P', { settingId: foster, place: 'U4' }),
      ep('2025-07-01', 'P', { settingId: null, urn: null, place: 'T1' }), // hospital for a few days
      ep('2025-07-05', 'P', { settingId: foster, place: 'U4' }), // back to the same foster carers
      ep('2025-09-01', 'T', { settingId: foster, place: 'U5' }),
      ep('2025-10-01', 'B', { settingId: home, ls: 'C1' }),
    ];
    expect(lookedAfterRecordOf(episodes)).toEqual({
      placementStarts: ['2024-01-10', '2025-02-01', '2025-06-01', '2025-10-01'],
      lookedAfterSince: '2025-02-01',
    });
  });

  it('a child not in care now has no period of care, and a child never in care no placements', () => {
    expect(lookedAfterRecordOf([ep('2024-01-10', 'S', { dec: '2024-03-01', rec: 'E4A' })]).lookedAfterSince).toBeNull();
    expect(lookedAfterRecordOf([])).toEqual({ placementStarts: [], lookedAfterSince: null });
  });
});
