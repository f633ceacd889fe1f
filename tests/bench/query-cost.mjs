#!/usr/bin/env node
// What one database call costs through Prisma (7.10, the client engine: its query compiler runs as
// Wasm on the service's own thread, once per query shape since its plan cache keeps the plans)
// against the same SQL through node-postgres, in the same process, on the same database: wall time
// and the process's CPU per call. The journey's handlers make 10-20 such calls each; this says how
// much of a hop is the ORM's own work.
//   npm run bench:query                        (N=2000 calls of each kind)
//   N=500 npm run bench:query
import { createMigratedDatabase } from '@placewise/platform/testing';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const N = Number(process.env.N ?? 2000);
const APP = fileURLToPath(new URL('../../apps/finance/', import.meta.url));
const finance = createRequire(`${APP}package.json`);
const { PrismaClient } = finance('./generated/client/index.js');
const { PrismaPg } = finance('@prisma/adapter-pg');
const SCHEMA = 'finance';

const db = await createMigratedDatabase(APP, SCHEMA);
// Two pools of two connections, as the services' adapter makes them (search_path to the service's schema).
const pools = [1, 2].map(() => new pg.Pool({ connectionString: db.url, max: 2, options: `-c search_path=${SCHEMA}` }));
const [pool, prismaPool] = pools;
// The database is dropped with its connections at the end: a connection closed then is not an error here.
for (const p of pools) p.on('error', () => {});
const prisma = new PrismaClient({ adapter: new PrismaPg(prismaPool, { schema: SCHEMA }) });
try {
  const la = 'bench';
  const ids = [];
  for (let i = 0; i < 50; i++) {
    const id = randomUUID();
    ids.push(id);
    await prisma.placement.create({
      data: {
        id,
        localAuthority: la,
        requestId: randomUUID(),
        childId: randomUUID(),
        childAge: 12,
        providerId: randomUUID(),
        placementType: 'PRIVATE_CHILDRENS_HOME',
        provision: 'EXTERNAL',
        category: 'RESIDENTIAL',
        weeklyCostPence: 600_000,
        startDate: new Date('2026-12-01'),
        status: 'ACTIVE',
        correlationId: randomUUID(),
      },
    });
  }

  /** Median wall time and mean CPU (user + system) per call, over N calls after N/10 to warm up. */
  async function measure(label, call) {
    for (let i = 0; i < N / 10; i++) await call(ids[i % ids.length]);
    const times = [];
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await call(ids[i % ids.length]);
      times.push(performance.now() - t);
    }
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    times.sort((a, b) => a - b);
    return { label, median: times[Math.floor(N / 2)], p95: times[Math.floor(N * 0.95)], cpu: (cpu.user + cpu.system) / 1000 / N, wall };
  }

  const sql = 'SELECT * FROM placement WHERE id = $1 AND local_authority = $2 LIMIT 1';
  const rows = [
    await measure('node-postgres: one SELECT by key (baseline)', (id) => pool.query(sql, [id, la])),
    await measure('Prisma findFirst: the same row', (id) => prisma.placement.findFirst({ where: { id, localAuthority: la } })),
    await measure('Prisma $queryRawUnsafe: the same SQL', (id) => prisma.$queryRawUnsafe(sql, id, la)),
    await measure('Prisma findFirst with prices and contributions', (id) =>
      prisma.placement.findFirst({ where: { id, localAuthority: la }, include: { prices: true, contributions: true } }),
    ),
    await measure('Prisma update of one row', (id) =>
      prisma.placement.update({ where: { id }, data: { weeklyCostPence: { increment: 0 } } }),
    ),
    await measure('node-postgres: the same update', (id) =>
      pool.query('UPDATE placement SET weekly_cost_pence = weekly_cost_pence + 0 WHERE id = $1', [id]),
    ),
  ];
  const base = rows[0];
  console.log(`one database call, ${N} times each, one at a time (${new Date().toISOString()})`);
  for (const r of rows)
    console.log(
      `  ${r.label.padEnd(50)} median ${r.median.toFixed(2).padStart(6)} ms (${(r.median / base.median).toFixed(1)}x)  p95 ${r.p95
        .toFixed(2)
        .padStart(6)} ms  CPU ${r.cpu.toFixed(3)} ms a call (${(r.cpu / base.cpu).toFixed(1)}x)`,
    );
} finally {
  await prisma.$disconnect();
  await Promise.all(pools.map((p) => p.end()));
  await db.drop();
}
