import fc from 'fast-check';
import { fromDayNumber } from '@placewise/contracts/dates';

/**
 * Hostile requests derived from a service's OpenAPI document: nothing here names a route or a
 * field. Every operation's path parameters, query parameters and JSON body are generated from their
 * schemas, then one value (a string, a date, a number, anything) is swapped for something hostile.
 */

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
  $ref?: string;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface FuzzOperation {
  method: string;
  path: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  body: JsonSchema | null;
}

/** Every operation of a document (the platform's own probes and the board's pages are left out). */
export function operations(doc: OpenApiDocument): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = op.parameters ?? [];
      const body = op.requestBody?.content?.['application/json']?.schema ?? null;
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: body ? resolve(doc, body) : null,
      });
    }
  }
  return out;
}

function resolve(doc: OpenApiDocument, s: JsonSchema, depth = 0): JsonSchema {
  if (depth > 20) return {};
  if (s.$ref) {
    const name = s.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components?.schemas?.[name] ?? {}, depth + 1);
  }
  const r: JsonSchema = { ...s };
  if (s.items) r.items = resolve(doc, s.items, depth + 1);
  if (s.properties) r.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(doc, v, depth + 1)]));
  for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (s[k]) r[k] = s[k]!.map((x) => resolve(doc, x, depth + 1));
  return r;
}

/** Hostile text: what broke the services (NUL, lone surrogates) and its cousins. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '\u001b[31mred',
  '\u0007\u0008',
  '\u007f',
  '',
  '   ',
  '\n\n\n',
  'x'.repeat(70_000),
  '😀'.repeat(3000),
  "'; DROP TABLE child; --",
  '<script>alert(1)</script>',
  '## Decision: declined',
  '../../etc/passwd',
  '%00',
  '\u202e\u2066',
  '\ufeff',
  'Ｎｕｌｌ',
  'null',
  'NaN',
];

/** Hostile days: out of PostgreSQL's range, implausible, not days at all. */
export const HOSTILE_DATES: readonly string[] = [
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '9999-12-31',
  '2100-12-31',
  '2101-01-01',
  '2023-02-29',
  '2024-13-01',
  '2024-00-10',
  '+275760-09-13',
  '-000001-01-01',
  '20240101',
  '2024-01-01T00:00:00Z',
  '2024-1-1',
];

export const HOSTILE_DATETIMES: readonly string[] = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00Z',
  '2024-02-30T10:00:00Z',
  '2024-01-01T25:00:00Z',
  '2024-01-01',
  '2024-01-01T10:00:00',
];

/** Wrong types: numbers out of every range, objects where text goes, and so on. */
export const HOSTILE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  Number.MAX_SAFE_INTEGER + 2,
  1e308,
  -1e308,
  [],
  [null],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
  '1e400',
  '0x10',
];

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const hostileAny: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(...HOSTILE_DATES),
  fc.constantFrom(...HOSTILE_VALUES),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return undefined;
}

/** A hostile value aimed at the schema's type (a date field gets bad dates, a number bad numbers). */
export function hostileFor(s: JsonSchema): fc.Arbitrary<unknown> {
  const t = typeOf(s);
  if (t === 'string' && s.format === 'date') return fc.oneof(fc.constantFrom(...HOSTILE_DATES), hostileAny);
  if (t === 'string' && s.format === 'date-time') return fc.oneof(fc.constantFrom(...HOSTILE_DATETIMES), hostileAny);
  if (t === 'string') return fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 1, arbitrary: hostileAny });
  if (t === 'integer' || t === 'number') return fc.oneof(fc.constantFrom(...HOSTILE_VALUES), hostileString);
  return hostileAny;
}

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => fromDayNumber(Math.floor(ms / DAY_MS));

/** A plausible value for the schema (so that one hostile field is the only thing wrong). */
export function validFor(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((a) => validFor(a, depth + 1)));
  if (s.allOf?.length) return validFor(Object.assign({}, ...s.allOf) as JsonSchema, depth + 1);
  const t = typeOf(s);
  const nullable = s.nullable === true || (Array.isArray(s.type) && s.type.includes('null'));
  const value = ((): fc.Arbitrary<unknown> => {
    switch (t) {
      case 'string': {
        if (s.format === 'uuid') return fc.uuid();
        if (s.format === 'date') return fc.integer({ min: Date.UTC(2005, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => isoDay(ms));
        if (s.format === 'date-time')
          return fc
            .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2027, 0, 1) })
            .map((ms) => new Date(Math.floor(ms / DAY_MS) * DAY_MS).toISOString());
        if (s.pattern) {
          try {
            return fc
              .stringMatching(new RegExp(s.pattern))
              .filter((x) => x.length <= (s.maxLength ?? 200) && x.length >= (s.minLength ?? 0));
          } catch {
            // a pattern JavaScript cannot read: plain text
          }
        }
        const min = s.minLength ?? 0;
        const max = Math.max(min, Math.min(s.maxLength ?? 40, 40));
        return fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }).map((x) => x.replace(/\s/g, 'a'));
      }
      case 'integer': {
        const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 0;
        const max = typeof s.maximum === 'number' ? s.maximum : typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum - 1 : 1_000_000;
        return fc.integer({ min: Math.max(min, -2_000_000_000), max: Math.min(Math.max(max, min), 2_000_000_000) });
      }
      case 'number':
        return fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 1000, noNaN: true, noDefaultInfinity: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(validFor(s.items ?? {}, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
      case 'object': {
        const props = s.properties ?? {};
        const required = new Set(s.required ?? []);
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [k, v] of Object.entries(props)) record[k] = validFor(v, depth + 1);
        return fc.record(record, { requiredKeys: Object.keys(props).filter((k) => required.has(k)) });
      }
      default:
        return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
    }
  })();
  return nullable ? fc.option(value, { nil: null, freq: 8 }) : value;
}

/** Every path into a value where a hostile value can go (object properties and array items, nested). */
function slots(s: JsonSchema, prefix: (string | number)[] = [], depth = 0): { path: (string | number)[]; schema: JsonSchema }[] {
  if (depth > 6) return [];
  const out = [{ path: prefix, schema: s }];
  const t = typeOf(s);
  if (t === 'object') for (const [k, v] of Object.entries(s.properties ?? {})) out.push(...slots(v, [...prefix, k], depth + 1));
  if (t === 'array' && s.items) out.push(...slots(s.items, [...prefix, 0], depth + 1));
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) for (const a of alternatives) out.push(...slots(a, prefix, depth + 1).slice(1));
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const base = (
    typeof head === 'number'
      ? Array.isArray(root)
        ? [...(root as unknown[])]
        : []
      : root && typeof root === 'object' && !Array.isArray(root)
        ? { ...(root as object) }
        : {}
  ) as Record<string | number, unknown>;
  base[head!] = setAt(base[head!], rest, value);
  return base;
}

/** A body for the schema with one value, anywhere in it, made hostile (or, sometimes, all of it valid). */
export function hostileBody(s: JsonSchema): fc.Arbitrary<{ body: unknown; target: string }> {
  const all = slots(s);
  const mutated = fc
    .tuple(validFor(s), fc.integer({ min: 0, max: all.length - 1 }))
    .chain(([valid, i]) =>
      hostileFor(all[i]!.schema).map((h) => ({ body: setAt(valid, all[i]!.path, h), target: all[i]!.path.join('.') || '(body)' })),
    );
  return fc.oneof(
    { weight: 8, arbitrary: mutated },
    { weight: 1, arbitrary: validFor(s).map((body) => ({ body, target: '(valid)' })) },
    { weight: 1, arbitrary: hostileAny.map((body) => ({ body, target: '(body)' })) },
  );
}

/**
 * Encodes a path or query value as a hostile client would send it: lone surrogates as the bytes a
 * careless encoder writes (WTF-8), which encodeURIComponent refuses to produce.
 */
export function encode(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += encodeURIComponent(text[i]! + text[i + 1]!);
        i++;
      } else {
        out +=
          `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`.toUpperCase();
      }
    } else out += encodeURIComponent(text[i]!);
  }
  return out;
}

export interface FuzzRequest {
  method: string;
  /** The path with its parameters and query filled in. */
  url: string;
  body: unknown;
  /** What was made hostile, for the report. */
  target: string;
}

/**
 * Requests for one operation: path parameters from the known ids (so some reach real records) or
 * hostile; query parameters valid or hostile; the body as hostileBody.
 */
export function requestsFor(op: FuzzOperation, knownIds: () => string[]): fc.Arbitrary<FuzzRequest> {
  const pathArb = fc.tuple(
    ...op.pathParams.map((p) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constant(null).map(() => pickKnown(knownIds())) },
        { weight: 3, arbitrary: validFor(p.schema ?? { type: 'string' }) },
        { weight: 3, arbitrary: hostileFor(p.schema ?? { type: 'string' }) },
      ),
    ),
  );
  const queryArb = fc.tuple(
    ...op.queryParams.map((p) =>
      fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 3, arbitrary: validFor(p.schema ?? { type: 'string' }) },
        { weight: 4, arbitrary: hostileFor(p.schema ?? { type: 'string' }) },
      ),
    ),
  );
  const bodyArb = op.body ? hostileBody(op.body) : fc.constant({ body: undefined, target: '' });
  return fc.tuple(pathArb, queryArb, bodyArb).map(([pathValues, queryValues, b]) => {
    let url = op.path;
    op.pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encode(pathValues[i]) || '%20')));
    const query = op.queryParams
      .map((p, i) => (queryValues[i] === undefined ? null : `${encodeURIComponent(p.name)}=${encode(queryValues[i])}`))
      .filter(Boolean);
    if (query.length) url += `?${query.join('&')}`;
    const targets = [b.target, ...op.pathParams.map((p) => `{${p.name}}`), ...(query.length ? ['?query'] : [])].filter(Boolean);
    return { method: op.method, url, body: b.body, target: targets.join(' ') };
  });
}

let pickCounter = 0;
function pickKnown(ids: string[]): string {
  if (!ids.length) return '00000000-0000-4000-8000-000000000000';
  pickCounter = (pickCounter * 1103515245 + 12345) % 2 ** 31;
  return ids[pickCounter % ids.length]!;
}
