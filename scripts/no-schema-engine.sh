#!/bin/sh
# Stands in for Prisma 7's native schema engine during `generate` (PRISMA_SCHEMA_ENGINE_BINARY, set by
# scripts/prisma-generate.mjs), so that the CLI never tries to download one. Generation does not need it.
echo "no-schema-engine.sh: Prisma 7's schema engine is not available here (migrations run on the Prisma 6.19 CLI)" >&2
exit 1
