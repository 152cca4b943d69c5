import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A grant tab's heading with its actions (e.g. Add) on the right. */
export function TabHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" wrap="wrap">
      <Title order={3} size="h4">
        {title}
      </Title>
      {children}
    </Group>
  );
}
