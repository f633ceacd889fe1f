/**
 * Where a child is placed, as the looked-after record (SSDA903 URN and PL_POST) wants it, from the
 * setting commissioning knows. Pure.
 */

/** The setting's postcode in its usual form ("NS1 2AB"), or null when none is recorded (an imported setting with no place). */
export function postcodeOf(postcode: string | null | undefined): string | null {
  const compact = (postcode ?? '').replace(/\s+/g, '').toUpperCase();
  if (compact.length < 5 || compact.length > 7) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** The setting's Ofsted URN (SC123456, or 7 digits), or null when none is recorded. */
export function urnOf(urn: string | null | undefined): string | null {
  const u = (urn ?? '').trim().toUpperCase();
  return u.length >= 1 && u.length <= 8 ? u : null;
}
