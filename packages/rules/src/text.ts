import type { ApproverTier, PanelType } from '@placewise/contracts';

export const TIER_NAMES: Record<ApproverTier, string> = {
  SW: 'social worker',
  TM: 'team manager',
  SM: 'service manager',
  HOS: 'head of service',
  AD: 'assistant director',
  DCS: "Director of Children's Services",
};

export const PANEL_NAMES: Record<PanelType, string> = {
  GATEWAY: 'entry-to-care gateway panel',
  PLACEMENT_RESOURCES: 'placement and resources panel',
  HIGH_COST: 'high-cost placements panel',
  JOINT_FUNDING: 'joint funding panel (health and education)',
};

export function tierName(t: ApproverTier): string {
  return `${TIER_NAMES[t]} (${t})`;
}

/** A tier in words alone, as the summaries and reasons read from 2026.12.1: "head of service". */
export function tierWords(t: ApproverTier): string {
  return TIER_NAMES[t];
}

export function panelName(p: PanelType | null): string {
  return p === null ? 'approver named above (no panel)' : PANEL_NAMES[p];
}

export function money(pence: unknown): string {
  if (typeof pence !== 'number' || !Number.isFinite(pence)) return 'an unknown amount';
  const neg = pence < 0;
  const abs = Math.abs(Math.round(pence));
  const pounds = Math.floor(abs / 100);
  const p = abs % 100;
  const whole = pounds.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}£${whole}${p === 0 ? '' : '.' + p.toString().padStart(2, '0')}`;
}

/** The template filters, with a tier written as `tier` does (with its code before 2026.12.1, in words alone after). */
function filters(tier: (t: ApproverTier) => string): Record<string, (v: unknown) => string> {
  const route = (v: unknown): string => {
    const r = v as { approver?: ApproverTier; panel?: PanelType | null } | undefined;
    if (!r || !r.approver) return String(v);
    if (r.panel == null) return `the ${tier(r.approver)} alone`;
    return `the ${PANEL_NAMES[r.panel]} with ${tier(r.approver)} sign-off`;
  };
  /** A route as the least it requires (from 2026.12.0): other rules may raise the approver or add a panel. */
  const routeFloor = (v: unknown): string => {
    const r = v as { approver?: ApproverTier; panel?: PanelType | null } | undefined;
    if (!r || !r.approver) return String(v);
    if (r.panel == null) return `the approval of at least the ${tier(r.approver)}`;
    return `the ${PANEL_NAMES[r.panel]}, with the sign-off of at least the ${tier(r.approver)}`;
  };
  return {
    money,
    routeFloor,
    tier: (v) => (typeof v === 'string' && v in TIER_NAMES ? tier(v as ApproverTier) : String(v)),
    panel: (v) => panelName((v ?? null) as PanelType | null),
    route,
  };
}

const FILTERS = filters(tierName);
const PLAIN_FILTERS = filters(tierWords);

function get(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

const TEMPLATE = /\{\{\s*([a-zA-Z]+)\.([a-zA-Z0-9_.]+)\s*(?:\|\s*([a-zA-Z]+)\s*)?\}\}/g;

/**
 * Replaces `{{ns.path|filter}}` placeholders whose namespace is `ns`; others are left for a later
 * pass (policy placeholders are filled when a rule set is bound, fact placeholders per request).
 */
export function render(text: string, ns: string, values: unknown, plain = false): string {
  if (!text.includes('{{')) return text;
  return text.replace(TEMPLATE, (whole, space: string, path: string, filter: string | undefined) => {
    if (space !== ns) return whole;
    const v = get(values, path);
    if (filter) {
      const f = (plain ? PLAIN_FILTERS : FILTERS)[filter];
      if (!f) throw new Error(`unknown template filter "${filter}" in: ${text}`);
      return f(v);
    }
    if (v === undefined || v === null) return 'unknown';
    return String(v);
  });
}

export { get as getPath };
