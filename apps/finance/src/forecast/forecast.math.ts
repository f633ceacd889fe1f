import type { Annualisation } from '../money.js';

/**
 * The expected cost of new starts for the rest of a financial year, in pence.
 *
 * Over the last 12 months `starts` placements started in a category with weekly costs summing to
 * `sumWeeklyPence`. Starts are expected at the same rate (starts x R / 365 in the R days left) and
 * spread evenly over those days, each running to the year end, so on average for R / 2 days at the
 * average weekly cost (sumWeekly / starts). Their cost is
 *   starts x (R / 365) x (sumWeekly / starts) x (R / 2) / 7  =  sumWeekly x R^2 / (365 x 14)
 * on the 365/7 basis, or sumWeekly x 52 x R^2 / (365^2 x 2) on 52 weeks; one rounding, in BigInt.
 */
export function expectedStartsPence(sumWeeklyPence: bigint, remainingDays: number, basis: Annualisation): bigint {
  if (remainingDays <= 0 || sumWeeklyPence <= 0n) return 0n;
  const r2 = BigInt(remainingDays) * BigInt(remainingDays);
  const [num, den] = basis === '365/7' ? [sumWeeklyPence * r2, 365n * 14n] : [sumWeeklyPence * 52n * r2, 365n * 365n * 2n];
  return (2n * num + den) / (2n * den); // round half up (num >= 0)
}
