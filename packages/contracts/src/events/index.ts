import type { EventDefinition } from '../envelope.js';
import * as referrals from './referrals.js';
import * as panels from './panels.js';
import * as commissioning from './commissioning.js';
import * as finance from './finance.js';

export * from './referrals.js';
export * from './panels.js';
export * from './commissioning.js';
export * from './finance.js';

function isEvent(v: unknown): v is EventDefinition {
  return !!v && typeof v === 'object' && 'type' in v && 'version' in v && 'producer' in v && 'schema' in v;
}

/**
 * Every event definition, by `${type}@${version}`: whatever the producers' files export that is an
 * event. A producer adds an event by exporting it from its own file.
 */
export const EVENTS: ReadonlyMap<string, EventDefinition> = new Map(
  [referrals, panels, commissioning, finance].flatMap((m) => Object.values(m).filter(isEvent)).map((d) => [eventKey(d.type, d.version), d]),
);

export function eventKey(type: string, version: number): string {
  return `${type}@${version}`;
}
