import { Inject, Injectable, Optional } from '@nestjs/common';
import { DATABASE_ROLE, ENV, prismaClientOptions, retryContention, type BaseEnv, type DatabaseRole } from '@placewise/platform';
import { PrismaClient, Prisma } from '../generated/client/index.js';

export type Tx = Prisma.TransactionClient;

/**
 * The panels schema's Prisma client. Only repositories use it. Nest makes the one for HTTP requests
 * (DATABASE_POOL_HTTP connections); the platform makes a second for the queue consumers
 * (DATABASE_POOL_WORKER). Interactive transactions retry contention (DATABASE_TX_ATTEMPTS).
 */
@Injectable()
export class PrismaService extends PrismaClient {
  constructor(@Inject(ENV) env: BaseEnv, @Optional() @Inject(DATABASE_ROLE) role?: DatabaseRole) {
    super(prismaClientOptions(env, role));
    retryContention(this, env);
  }
}
