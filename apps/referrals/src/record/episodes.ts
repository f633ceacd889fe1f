import { addMonths, addWorkingDays } from '@placewise/contracts/dates';
import type { ReasonNewEpisode } from '@placewise/contracts/ssda903';
import { isTemporary } from './mapping.js';

/**
 * Episodes derived from what happens in Placewise, never keyed twice. Pure: the open episode and
 * what happened in, the changes to make out. The 903's episode rules hold by construction:
 * - a new episode's RNE says what changed: S (started), L (legal status only, 434), P or T
 *   (placement only, 435: T when the carers are the same), B or U (both, 436);
 * - a continuation starts the day the last one ended, which ends X1 (433);
 * - REASON_PLACE_CHANGE only on an episode that ended X1 before a P, T, B or U (225), never on a
 *   temporary placement (226) or an open episode (233);
 * - no HOME_POST for an asylum-seeking child (406).
 */

/** An episode as the derivation sees it (ISO days; codes as in the 903). */
export interface Episode {
  decom: string;
  rne: ReasonNewEpisode;
  ls: string;
  cin: string;
  place: string;
  placeProvider: string | null;
  dec: string | null;
  rec: string | null;
  reasonPlaceChange: string | null;
  homePost: string | null;
  plPost: string | null;
  urn: string | null;
  placementId: string | null;
  settingId: string | null;
}

/** What to do to the child's episodes: close the open one, change it in place, or open a new one. */
export interface EpisodeChanges {
  close?: { decom: string; dec: string; rec: string; reasonPlaceChange: string | null };
  update?: { decom: string; set: Partial<Episode> };
  open?: Episode;
}

/** A placement starting, as referrals knows it from placement.started and the request. */
export interface PlacementStart {
  date: string;
  ls: string;
  cin: string;
  place: string;
  placeProvider: string | null;
  urn: string | null;
  plPost: string | null;
  placementId: string;
  settingId: string | null;
  /** The child's home postcode (ignored for an asylum-seeking child). */
  homePost: string | null;
  uasc: boolean;
  /** Why the previous placement ended, if it is known yet (from placement.ended). */
  reasonPlaceChange: string | null;
}

function placementDiffers(a: Pick<Episode, 'place' | 'placeProvider' | 'urn' | 'plPost' | 'settingId'>, b: typeof a): boolean {
  return (
    a.place !== b.place || a.placeProvider !== b.placeProvider || a.urn !== b.urn || a.plPost !== b.plPost || a.settingId !== b.settingId
  );
}

/** RNE for a new episode after `open`: what changed, and whether the carers are the same. */
function rneFor(legalChanged: boolean, placementChanged: boolean, sameCarers: boolean): ReasonNewEpisode {
  if (!placementChanged) return 'L';
  if (legalChanged) return sameCarers ? 'U' : 'B';
  return sameCarers ? 'T' : 'P';
}

/** RNE once a same-day legal-status change and a placement change fall on one episode. */
function withLegalChange(rne: ReasonNewEpisode): ReasonNewEpisode {
  return rne === 'P' ? 'B' : rne === 'T' ? 'U' : rne;
}

export function placementStarted(open: Episode | null, start: PlacementStart): EpisodeChanges {
  const placement = {
    place: start.place,
    placeProvider: start.placeProvider,
    urn: start.urn,
    plPost: start.plPost,
    settingId: start.settingId,
    placementId: start.placementId,
  };
  if (!open) {
    return {
      open: {
        decom: start.date,
        rne: 'S',
        ls: start.ls,
        cin: start.cin,
        ...placement,
        dec: null,
        rec: null,
        reasonPlaceChange: null,
        homePost: start.uasc ? null : start.homePost,
      },
    };
  }
  const legalChanged = start.ls !== open.ls;
  const placementChanged = placementDiffers(open, placement);
  if (!legalChanged && !placementChanged) {
    // The same placement under a new commissioning record (a re-award): no new episode.
    return { update: { decom: open.decom, set: { placementId: start.placementId } } };
  }
  const sameCarers = start.settingId !== null && start.settingId === open.settingId;
  if (open.decom === start.date) {
    // Something else already began an episode today (a legal-status change, or a placement that
    // lasted no time): one episode for the day, with what changed since the one before it.
    const rne = open.rne === 'S' ? 'S' : open.rne === 'L' ? rneFor(true, true, sameCarers) : open.rne;
    return { update: { decom: open.decom, set: { ...placement, ls: start.ls, rne: legalChanged ? withLegalChange(rne) : rne } } };
  }
  const rne = rneFor(legalChanged, placementChanged, sameCarers);
  return {
    close: {
      decom: open.decom,
      dec: start.date,
      rec: 'X1',
      reasonPlaceChange: rne === 'L' || isTemporary(open.place) ? null : (start.reasonPlaceChange ?? 'CARPL'),
    },
    open: {
      ...open,
      decom: start.date,
      rne,
      ls: start.ls,
      ...placement,
      dec: null,
      rec: null,
      reasonPlaceChange: null,
      homePost: start.uasc ? null : open.homePost,
    },
  };
}

/** A change of legal status on `date`: a new episode RNE L with the same placement (or the same-day episode changed). */
export function legalStatusChanged(open: Episode | null, date: string, ls: string): EpisodeChanges {
  if (!open || open.ls === ls) return {};
  if (open.decom === date) return { update: { decom: open.decom, set: { ls, rne: withLegalChange(open.rne) } } };
  return {
    close: { decom: open.decom, dec: date, rec: 'X1', reasonPlaceChange: null },
    open: { ...open, decom: date, rne: 'L', ls, dec: null, rec: null, reasonPlaceChange: null },
  };
}

/** The child left care on `date` for `rec` (E4A, E45...): the open episode closes. */
export function leftCare(open: Episode | null, date: string, rec: string): EpisodeChanges {
  if (!open) return {};
  return { close: { decom: open.decom, dec: date, rec, reasonPlaceChange: null } };
}

/**
 * The episode that a move closed learns why the placement ended, when placement.ended arrives after
 * the next placement started: REASON_PLACE_CHANGE goes on it if the next episode changed placement.
 */
export function moveReason(closed: Episode, next: Episode | null, reason: string): EpisodeChanges {
  if (closed.rec !== 'X1' || !next || !['P', 'T', 'B', 'U'].includes(next.rne) || isTemporary(closed.place)) return {};
  return { update: { decom: closed.decom, set: { reasonPlaceChange: reason } } };
}

/**
 * When the child's next review is due (Care Planning Regulations 2010 reg 33): the first within 20
 * working days of starting to be looked after, the second within 3 months of the first, then every
 * 6 months. The clock is the child's: it starts at the start of the current period of care (the
 * last RNE S) and a move does not restart it. Null when the child is not looked after.
 */
export function nextReviewDue(periodStart: string | null, reviews: readonly string[]): string | null {
  if (!periodStart) return null;
  const held = reviews.filter((d) => d >= periodStart).sort();
  const last = held.at(-1);
  if (!last) return addWorkingDays(periodStart, 20);
  return addMonths(last, held.length === 1 ? 3 : 6);
}

/** The start of the current period of care: the DECOM of the last episode with RNE S, if the last episode is open. */
export function currentPeriodStart(episodes: readonly Pick<Episode, 'decom' | 'rne' | 'dec'>[]): string | null {
  const sorted = [...episodes].sort((a, b) => (a.decom < b.decom ? -1 : 1));
  if (!sorted.length || sorted.at(-1)?.dec) return null;
  for (let i = sorted.length - 1; i >= 0; i--) if (sorted[i]?.rne === 'S') return sorted[i]!.decom;
  return sorted[0]!.decom;
}

/**
 * What the rules read from the child's episodes (`factsFromRecord` in the rules): the day each
 * placement began and the start of the current period of care. A placement begins with an episode
 * that starts care (S) or changes the carers (P or B); a legal-status change (L), the same carers
 * again (T, U, or P after a temporary stay back to the carers before it) and a temporary stay
 * (T0-T4: hospital, holiday, seven days or less) are not moves.
 */
export function lookedAfterRecordOf(episodes: readonly Episode[]): { placementStarts: string[]; lookedAfterSince: string | null } {
  const sorted = [...episodes].sort((a, b) => (a.decom < b.decom ? -1 : 1));
  const carersOf = (e: Episode) => e.settingId ?? e.urn ?? `${e.place}|${e.placeProvider ?? ''}|${e.plPost ?? ''}`;
  const placementStarts: string[] = [];
  let carers: string | null = null;
  for (const e of sorted) {
    if (isTemporary(e.place)) continue;
    // P or B back to the carers the child had before a temporary stay is not a move either
    if (e.rne === 'S' || ((e.rne === 'P' || e.rne === 'B') && carersOf(e) !== carers)) placementStarts.push(e.decom);
    carers = carersOf(e);
  }
  return { placementStarts, lookedAfterSince: currentPeriodStart(sorted) };
}
