import type { AppRouter } from '@tessera/api';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { readAppError } from './errors';

/** The header the server requires on every call (its CSRF guard; a plain HTML form cannot set it). */
const requestHeader = { 'x-tessera-request': '1' };

/** Errors that retrying cannot fix: anything the server answered on purpose (a busy database passes). */
function isFinal(error: unknown): boolean {
  const info = readAppError(error);
  return info !== null && !['NETWORK', 'INTERNAL', 'STORAGE_BUSY'].includes(info.appCode);
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failureCount, error) => !isFinal(error) && failureCount < 2,
    },
  },
});

export const trpcClient = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // The server refuses batches above 10 calls (apps/server/src/app.ts, maxBatchSize).
      maxItems: 10,
      headers: () => requestHeader,
      fetch: (input, init) => fetch(input, { ...init, credentials: 'same-origin' }),
    }),
  ],
});

/** The one proxy: data is read only through `trpc.x.y.queryOptions()` / `mutationOptions()`. */
export const trpc = createTRPCOptionsProxy<AppRouter>({ client: trpcClient, queryClient });

/** Output types of every procedure, for props typed by what the API returns. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
