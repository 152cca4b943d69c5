import { useQueryClient } from '@tanstack/react-query';
import { trpc } from '../../lib/trpc';

/**
 * What to refresh after a change in the programme screens. Counts travel upwards: a session
 * moves its activity's totals, an activity its project's activity count, a partner's name shows
 * on projects, a project's title on activities.
 */
export function useProgrammeInvalidation() {
  const queryClient = useQueryClient();
  const refresh = (...keys: readonly (readonly unknown[])[]) =>
    Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  return {
    partners: () => refresh(trpc.partners.pathKey(), trpc.projects.pathKey()),
    projects: () => refresh(trpc.projects.pathKey(), trpc.activities.pathKey()),
    activities: () => refresh(trpc.activities.pathKey(), trpc.projects.pathKey()),
    sessions: () => refresh(trpc.sessions.pathKey(), trpc.activities.pathKey()),
    outputs: () => refresh(trpc.outputs.pathKey()),
  };
}
