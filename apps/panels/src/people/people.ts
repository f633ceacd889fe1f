/** Who did something, by name: the service itself acts as "panels" (timers, cases opened from requests). */
export type NameOf = (userId: string | null | undefined) => string;

export function nameOf(names: Map<string, string>): NameOf {
  return (userId) => {
    if (!userId) return 'nobody';
    if (userId === 'panels') return 'Placewise (automatically)';
    return names.get(userId) ?? 'a council officer whose name panels has not been told';
  };
}
