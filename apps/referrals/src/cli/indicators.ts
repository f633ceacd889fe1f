#!/usr/bin/env node
/**
 * The council's indicators from the command line, against the referrals database (no service needed):
 *   npm run indicators -w apps/referrals -- --la northshire [--from 2025-04-01] [--to 2026-03-31] [--csv] [--out file]
 *   npm run indicators -w apps/referrals -- --la northshire --measure three-or-more-placements [--month 2026-03]
 * Without --measure: the period's figures and each month's (a summary, or the CSV the API gives).
 * With --measure: the council's references of the children behind that figure.
 */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { PrismaService } from '../prisma.service.js';
import { indicators, CareRecord } from '../indicators/indicators.js';
import { ChildrenFields, PeriodFields } from '../indicators/indicators.dto.js';
import { IndicatorsRepository } from '../indicators/indicators.repository.js';
import { indicatorsTable, period, pick, viewOf } from '../indicators/indicators.service.js';
import { toCsv } from '@placewise/platform';
import { cliEnv, here } from './env.js';

const USAGE = `usage:
  indicators --la <council> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--csv] [--out <file>]
  indicators --la <council> --measure <${ChildrenFields.shape.measure.options.join('|')}> [--month YYYY-MM] [--from] [--to]`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      la: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      month: { type: 'string' },
      measure: { type: 'string' },
      csv: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (!values.la) {
    console.error(USAGE);
    return 2;
  }
  const q = PeriodFields.pick({ from: true, to: true }).safeParse({ from: values.from, to: values.to });
  if (!q.success) throw new Error(q.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const p = period(q.data.from, q.data.to);
  const prisma = new PrismaService(cliEnv());
  try {
    const started = Date.now();
    const input = await new IndicatorsRepository(prisma).input(values.la);
    const r = indicators(input, p.from, p.to);
    const took = Date.now() - started;
    let text: string;
    if (values.measure) {
      const m = ChildrenFields.shape.measure.parse(values.measure);
      const month = values.month ? r.months.find((x) => x.month === values.month) : undefined;
      if (values.month && !month) throw new Error(`--month must be a month of the period ${p.from} to ${p.to}`);
      const found = month ? pick(month, month.end, m) : pick(r, r.end, m);
      const record = new CareRecord(input);
      text =
        found.children
          .map((id) => record.reference(id) ?? 'no reference')
          .sort()
          .join('\n') + '\n';
      console.error(`${m}, ${values.month ?? `${p.from} to ${p.to}`}: ${found.count} children`);
    } else if (values.csv) {
      text = toCsv(indicatorsTable(viewOf(r, false)));
    } else {
      const e = r.end;
      text =
        [
          `${values.la}, ${p.from} to ${p.to} (computed in ${took} ms)`,
          `children in care on ${e.at}: ${e.inCare.count} (${e.inCareUasc.count} asylum-seeking), ${e.inCare.ratePer10k ?? 'no population set'} per 10,000` +
            (r.comparators.length ? ` (${r.comparators.map((c) => `${c.name} ${c.ratePer10k}`).join(', ')})` : ''),
          `entries ${r.entries.count} (target ${r.entryTarget ?? 'not set'}), exits ${r.exits.count} (target ${r.exitTarget ?? 'not set'})`,
          `exits by route: ${Object.entries(r.byRoute)
            .map(([k, v]) => `${k.toLowerCase().replace(/_/g, ' ')} ${v.count}`)
            .join(', ')}`,
          `three or more placements in 12 months: ${e.threeOrMorePlacements.count.count} of ${e.threeOrMorePlacements.cohort.count} (${e.threeOrMorePlacements.percent ?? '-'}%)`,
          `long-term stability: ${e.longTermStability.count.count} of ${e.longTermStability.cohort.count} (${e.longTermStability.percent ?? '-'}%)`,
          `placed out of area ${e.distance.outOfArea.count}, more than 20 miles from home ${e.distance.over20Miles.count}, not known ${e.distance.unknown.count}`,
        ].join('\n') + '\n';
    }
    if (values.out) writeFileSync(here(values.out), text);
    else process.stdout.write(text);
    return 0;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    console.error(USAGE);
    process.exit(2);
  },
);
