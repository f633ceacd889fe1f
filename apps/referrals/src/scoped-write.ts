import { NotFoundException } from '@nestjs/common';

/**
 * Every write names the council as well as the row: a write that matched no row in the caller's
 * council changed nothing, and is refused as "not found" rather than reaching another council's data.
 */
export function exactlyOne(changed: { count: number }, what: string): void {
  if (changed.count !== 1) throw new NotFoundException(`no ${what} in this council`);
}
