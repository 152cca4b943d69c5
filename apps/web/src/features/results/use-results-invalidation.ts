import { useQueryClient } from '@tanstack/react-query';
import { trpc } from '../../lib/trpc';

/**
 * What to refresh after a change to results data. An indicator or a hand-entered value moves the
 * results tables and every report pack's indicator section; an outcome record moves derived
 * indicators counting outcomes, so results and packs too.
 */
export function useResultsInvalidation() {
  const queryClient = useQueryClient();
  const refresh = (...keys: readonly (readonly unknown[])[]) =>
    Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  return {
    indicators: () => refresh(trpc.indicators.pathKey(), trpc.results.pathKey(), trpc.reports.content.pathKey()),
    outcomes: () => refresh(trpc.outcomes.pathKey(), trpc.results.pathKey(), trpc.reports.content.pathKey()),
  };
}
