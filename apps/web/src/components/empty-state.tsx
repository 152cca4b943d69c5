import { Button, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';

/**
 * What a list shows when it has nothing to list. With filters on, it says nothing matches them
 * and offers to clear them; otherwise (a new organisation) it says what the page is for and
 * offers the first step, so an empty page never reads as a failed search (issue 15 item 8).
 */
export function EmptyState({
  filtered,
  purpose,
  action,
  onClearFilters,
  testId = 'empty-state',
}: {
  filtered: boolean;
  /** What the page is for, in a sentence or two. */
  purpose: string;
  /** The first step ("Add your first grant"), for those allowed to take it. */
  action?: ReactNode;
  onClearFilters?: () => void;
  testId?: string;
}) {
  const intl = useIntl();
  if (filtered) {
    return (
      <Stack gap="xs" align="flex-start" py="sm" data-testid={testId} data-kind="filtered">
        <Text c="dimmed">{intl.formatMessage({ id: 'common.noMatchFilters' })}</Text>
        {onClearFilters && (
          <Button size="xs" variant="default" onClick={onClearFilters} data-testid="clear-filters">
            {intl.formatMessage({ id: 'common.clearFilters' })}
          </Button>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap="sm" align="flex-start" py="md" data-testid={testId} data-kind="first-step">
      <Text maw={560}>{purpose}</Text>
      {action}
    </Stack>
  );
}
