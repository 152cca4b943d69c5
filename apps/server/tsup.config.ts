import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { main: 'src/main.ts', cli: 'src/cli.ts', supervisor: 'src/supervisor.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  clean: true,
  sourcemap: true,
  // Workspace packages are TypeScript sources: bundle them. Runtime deps of this package
  // (native modules included) stay external and resolve from apps/server/node_modules.
  noExternal: [/^@tessera\//, /^@trpc\//, /^@oslojs\//, 'kysely', 'uuidv7'],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
