// The placement request the journeys and the benchmarks submit, written once: a private children's
// home for a child on a care order (section 31), provided externally, in the council's area, planned,
// at £6,100 a week (about the national average for a children's home). `over` changes any field.
// Plain JavaScript so the benchmarks (run by node, untranspiled) share it; requests.d.mts types it.

/**
 * @param {string} childId
 * @param {Record<string, unknown>} [over]
 */
export function placementRequest(childId, over = {}) {
  return {
    childId,
    kind: 'PLACEMENT',
    legalStatus: 'CO_S31',
    placementType: 'PRIVATE_CHILDRENS_HOME',
    provision: 'EXTERNAL',
    weeklyCostPence: 610_000,
    location: 'IN_AREA',
    urgency: 'PLANNED',
    ...over,
  };
}
