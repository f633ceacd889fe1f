import { ApproverTier, PanelType } from '@placewise/contracts';
import { z } from 'zod';

/** The shapes the rules routes answer with, for the OpenAPI document (tests parse real answers with them). */
export const PolicyView = z.object({
  hash: z.string(),
  isDefault: z.boolean(),
  policy: z.record(z.string(), z.unknown()),
  history: z.array(z.object({ hash: z.string(), setBy: z.string(), setAt: z.string() })),
});

export const PolicySetView = z.object({ hash: z.string(), policy: z.record(z.string(), z.unknown()) });

const Routing = z.object({
  approver: ApproverTier,
  panel: PanelType.nullable(),
  costBand: z.string().nullable(),
  blocked: z.boolean(),
  gates: z.array(z.string()),
  blocks: z.array(z.string()),
});

export const WhatIfView = z.object({
  currentHash: z.string(),
  proposedHash: z.string(),
  evaluated: z.number().int(),
  changed: z.number().int(),
  changes: z.array(z.object({ id: z.uuid(), before: Routing, after: Routing, changes: z.array(z.string()) })),
});
