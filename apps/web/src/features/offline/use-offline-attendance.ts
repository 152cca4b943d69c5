import { useEffect } from 'react';

/**
 * Starts offline attendance for the signed-in user (features/offline/start.ts, loaded on demand
 * so the sign-in page never carries it); again when the user or organisation changes.
 */
export function useOfflineAttendance(userId: string, orgId: string | null): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: another user or organisation starts afresh
  useEffect(() => {
    if (!orgId) return;
    void import('./start').then((m) => m.startOffline()).catch(() => undefined);
  }, [userId, orgId]);
}
