import { useQueryClient } from '@tanstack/react-query';
import { trpc } from '../../lib/trpc';

/**
 * What to refresh after a change to one part of a grant. Every money change moves the grant's
 * totals (list, detail, budget vs actual, dashboard), so those are refreshed with the part itself.
 */
export function useGrantInvalidation() {
  const queryClient = useQueryClient();
  const refresh = (...keys: readonly (readonly unknown[])[]) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.grants.pathKey() }),
      ...keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
    ]);
  return {
    grant: () => refresh(),
    budget: () => refresh(trpc.budget.pathKey()),
    tranches: () => refresh(trpc.tranches.pathKey()),
    ledger: () => refresh(trpc.expenditures.pathKey(), trpc.budget.pathKey()),
    deadlines: () => refresh(trpc.deadlines.pathKey()),
    match: () => refresh(trpc.match.pathKey()),
  };
}
