import { Badge } from '@mantine/core';
import type { DeadlineState, GrantStatus } from '@tessera/domain';
import { useIntl } from 'react-intl';

const statusColors: Record<GrantStatus, string> = {
  prospect: 'gray',
  applied: 'blue',
  awarded: 'teal',
  active: 'green',
  closed: 'dark',
  declined: 'red',
  withdrawn: 'orange',
};

export function GrantStatusBadge({ status }: { status: GrantStatus }) {
  const intl = useIntl();
  return (
    <Badge color={statusColors[status]} variant="light" data-testid="grant-status">
      {intl.formatMessage({ id: `grantStatus.${status}` })}
    </Badge>
  );
}

const deadlineColors: Record<DeadlineState, string> = {
  overdue: 'red',
  'due-soon': 'orange',
  submitted: 'green',
  upcoming: 'gray',
};

export function DeadlineStateBadge({ state }: { state: DeadlineState }) {
  const intl = useIntl();
  return (
    <Badge color={deadlineColors[state]} variant="light" data-testid="deadline-state">
      {intl.formatMessage({ id: `deadlineState.${state}` })}
    </Badge>
  );
}
