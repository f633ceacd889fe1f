import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

// Prisma's CLI needs a URL even for `generate` (otherwise it tries to download an engine).
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/placewise';
const schema = process.env.DATABASE_SCHEMA ?? 'notifications';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL!, options: `-c search_path=${schema}` }, { schema });
  },
});
