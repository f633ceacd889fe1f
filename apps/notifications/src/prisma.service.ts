import { Inject, Injectable } from '@nestjs/common';
import { ENV, schemaAdapter, type BaseEnv } from '@placewise/platform';
import { PrismaClient, Prisma } from '../generated/client/index.js';

export type Tx = Prisma.TransactionClient;

/** The notifications schema's Prisma client. Only repositories use it. */
@Injectable()
export class PrismaService extends PrismaClient {
  constructor(@Inject(ENV) env: BaseEnv) {
    super({ adapter: schemaAdapter(env.DATABASE_URL, env.DATABASE_SCHEMA, env.DATABASE_POOL_SIZE) });
  }
}
