import { can, type Role } from '@tessera/domain';
import { trpcClient } from '../../lib/trpc';
import { bypassOffline } from './link';
import { endOfDay, keepSnapshot } from './store';

/**
 * Keeps today's and tomorrow's registers on the phone (docs/offline.md): taken at each start of
 * the signed-in app and when the signal returns. Only for people who take registers; the user's
 * email is left out, the rosters are codes only (see the server's `register.offline`).
 */
export async function refreshSnapshot(): Promise<boolean> {
  const session = await trpcClient.auth.session.query(undefined, { context: bypassOffline });
  if (!session?.activeOrgId) return false;
  const orgId = session.activeOrgId;
  const membership = session.memberships.find((m) => m.orgId === session.activeOrgId);
  if (!membership || !can(membership.role as Role, 'participant.write')) return false;
  const [organization, offline] = await Promise.all([
    trpcClient.organization.current.query(undefined, { context: bypassOffline }),
    trpcClient.register.offline.query(undefined, { context: bypassOffline }),
  ]);
  await keepSnapshot(
    {
      userId: session.user.id,
      orgId,
      keptAt: Date.now(),
      expiresAt: endOfDay(offline.tomorrow),
      today: offline.today,
      tomorrow: offline.tomorrow,
      session: { ...session, user: { ...session.user, email: '' }, memberships: [membership] },
      organization,
      sessions: offline.sessions.map((s) => s.session),
    },
    offline.sessions.map((s) => s.register),
  );
  return true;
}
