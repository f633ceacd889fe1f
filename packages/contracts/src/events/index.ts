import type { EventDefinition } from '../envelope.js';
import { RequestSubmittedV1 } from './referrals.js';
import { DecisionRecordedV1 } from './panels.js';
import { PlacementStartedV1 } from './commissioning.js';

export * from './referrals.js';
export * from './panels.js';
export * from './commissioning.js';

/** Every event definition, by `${type}@${version}`. */
export const EVENTS: ReadonlyMap<string, EventDefinition> = new Map(
  [RequestSubmittedV1, DecisionRecordedV1, PlacementStartedV1].map((d) => [eventKey(d.type, d.version), d]),
);

export function eventKey(type: string, version: number): string {
  return `${type}@${version}`;
}
