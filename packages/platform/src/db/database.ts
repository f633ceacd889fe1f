import { PrismaPg } from '@prisma/adapter-pg';

/** The slice of a Prisma client (or transaction client) that platform code uses: raw SQL only. */
export interface SqlClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface Database extends SqlClient {
  /** Prisma's interactive transaction: platform code uses the transaction client for raw SQL only. */
  $transaction<R>(fn: (tx: SqlClient) => Promise<R>, options?: { maxWait?: number; timeout?: number; isolationLevel?: string }): Promise<R>;
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
}

/** Injection token for the service's Prisma client. */
export const DATABASE = Symbol('placewise:database');

/**
 * A Prisma driver adapter whose connections use the service's own PostgreSQL schema: unqualified
 * names (and Prisma's migration table) resolve there, so services never see each other's tables.
 */
export function schemaAdapter(databaseUrl: string, schema: string, poolSize = 10): PrismaPg {
  assertIdentifier(schema);
  return new PrismaPg({ connectionString: databaseUrl, options: `-c search_path=${schema}`, max: poolSize }, { schema });
}

export function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a safe SQL identifier`);
}
