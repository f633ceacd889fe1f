/**
 * The order a search goes out to external providers once the council's own vacancies have been
 * tried: block contracts, then framework tiers in order, then the DPS, then other councils'
 * homes, then spot (and off-framework) purchase. In an emergency everything but spot goes at once.
 */
export function routeOrder(route: string): number {
  if (route === 'BLOCK') return 0;
  const tier = /^FRAMEWORK_TIER_(\d)$/.exec(route);
  if (tier) return Number(tier[1]);
  if (route === 'DPS') return 20;
  if (route === 'IN_HOUSE') return 30; // another council's own home, shared through the region
  return 40; // SPOT, OFF_FRAMEWORK
}

export const isSpot = (route: string) => routeOrder(route) === 40;

/** The rounds (each a set of routes) a search is sent out in, from the routes its candidates use. */
export function roundsFor(urgency: string, routes: Iterable<string>): string[][] {
  const present = [...new Set(routes)].sort((a, b) => routeOrder(a) - routeOrder(b) || a.localeCompare(b));
  const spot = present.filter(isSpot);
  const rest = present.filter((r) => !isSpot(r));
  const rounds = urgency === 'EMERGENCY' ? [rest] : rest.map((r) => [r]);
  return [...rounds, spot].filter((r) => r.length > 0);
}
