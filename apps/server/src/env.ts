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
      TRUST_PROXY: z
        .enum(['true', 'false'])
        .default('false')
        .transform((v) => v === 'true'),
      COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
      LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      WEB_ROOT: z.string().optional(),
      SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
    },
    runtimeEnv: source,
    emptyStringAsUndefined: true,
  });
}

export type Env = ReturnType<typeof loadEnv>;
