// `prisma generate` reads the schema from here; it connects to no database.
import { defineConfig } from 'prisma/config';

export default defineConfig({ schema: 'prisma/schema.prisma', datasource: { url: 'postgresql://unused@127.0.0.1/unused' } });
