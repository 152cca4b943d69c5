import { Alert } from '@mantine/core';
import { can, type Permission } from '@tessera/domain';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { Loading } from '../../components/loading';
import { useSession } from '../auth/use-session';

/**
 * Renders its children only for roles holding `permission`; everyone else (finance, viewers) gets
 * a plain "not available for your role" and the children's queries never run.
 */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const intl = useIntl();
  const { query, role } = useSession();
  if (query.isPending) return <Loading />;
  if (role === null || !can(role, permission)) {
    return (
      <Alert color="gray" role="alert" data-testid="not-for-role">
        {intl.formatMessage({ id: 'participants.notForRole' })}
      </Alert>
    );
  }
  return <>{children}</>;
}
