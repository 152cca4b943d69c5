import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** The one row a table shows when it has nothing to list; `colSpan` covers all its columns. */
export function TableEmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        {typeof children === 'string' ? <Text c="dimmed">{children}</Text> : children}
      </Table.Td>
    </Table.Tr>
  );
}
