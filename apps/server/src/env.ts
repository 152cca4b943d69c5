import { createEnv } from '@t3-oss/env-core';
import * as z from 'zod';

/** The server's whole configuration, validated once at start-up (see README "Configuration"). */
export function loadEnv(source: Record<string, string | undefined> = process.env) {
  return createEnv({
    server: {
      NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
      PORT: z.coerce.number().int().min(0).max(65535).default(3000),
      HOST: z.string().min(1).default('127.0.0.1'),
      DATABASE_URL: z.string().min(1).default('./data/tessera.db'),
      SESSION_HOURS: z.coerce
        .number()
        .min(0.01)
        .max(24 * 30)
        .default(12),
      // false; true (= the one proxy in front); a number of hops; or a comma-separated list of
      // proxy addresses/CIDRs. Never "trust everyone": a client could then forge its address.
      TRUST_PROXY: z
        .string()
        .default('false')
        .transform((v): boolean | number | string =>
          v === 'false' ? false : v === 'true' ? 1 : /^\d+$/.test(v) ? Number(v) : v,
        ),
      SECRET_KEY: z.string().optional(),
      SECRET_KEY_FILE: z.string().min(1).default('./data/secret.key'),
      COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      WEB_ROOT: z.string().optional(),
      SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
      // Scheduled backups: setting BACKUP_DIR turns them on (docs/operations.md).
      BACKUP_DIR: z.string().optional(),
      BACKUP_EVERY_HOURS: z.coerce
        .number()
        .min(0.0001)
        .max(24 * 31)
        .default(24),
      BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(14),
    },
    runtimeEnv: source,
    emptyStringAsUndefined: true,
  });
}

export type Env = ReturnType<typeof loadEnv>;
