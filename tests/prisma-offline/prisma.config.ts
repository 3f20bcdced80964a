// Prisma 6.19.3's early-access JS schema engine (WASM) on a driver adapter: `migrate deploy`,
// `status` and `resolve` run with no engine binary. The adapter is @prisma/adapter-pg 7.10.1 (6.19.3's
// own cannot read columns of type `name`). The engine leaves a 10 s timer armed and pg's pool idles
// 10 s: both would keep each command alive that long, so the engine's timers are unref'd and the
// pool's idle timeout is short.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from 'adapter-pg7';

const setTimer = globalThis.setTimeout;
(globalThis as any).setTimeout = (fn: any, ms?: number, ...args: any[]) => {
  const timer: any = setTimer(fn, ms, ...args);
  if (new Error().stack?.includes('wasm://')) timer?.unref?.();
  return timer;
};

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL, idleTimeoutMillis: 50 }),
  schema: 'prisma/schema.prisma',
  migrations: { path: process.env.MIGRATIONS_DIR },
});
