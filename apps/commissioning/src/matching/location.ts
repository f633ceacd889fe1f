import type { Location } from '@placewise/contracts';

export interface CouncilArea {
  area: string;
  neighbours: readonly string[];
}

const norm = (s: string) => s.trim().toLowerCase();

/**
 * In the council's own area, in an adjoining authority, or at a distance (CPPCR reg 11), from the
 * council's list of neighbours; null when either side's area is not recorded.
 */
export function classifyLocation(council: CouncilArea | null, settingArea: string | null): Location | null {
  if (!council || !settingArea) return null;
  const a = norm(settingArea);
  if (a === norm(council.area)) return 'IN_AREA';
  if (council.neighbours.some((n) => norm(n) === a)) return 'OUT_OF_AREA_ADJOINING';
  return 'OUT_OF_AREA_AT_DISTANCE';
}

const R_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km. */
export function distanceKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * R_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
