import { NotFoundException } from '@nestjs/common';

/**
 * Every write names the council whose row it changes; a write that matched no row of that council
 * (another council's id) changed nothing and is refused.
 */
export function expectOne(count: number, what: string): void {
  if (count !== 1) throw new NotFoundException(`no ${what}`);
}
