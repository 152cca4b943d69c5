import { Button, Group, Table } from '@mantine/core';
import { useIntl } from 'react-intl';

/**
 * The Edit and Remove buttons at the end of an editable table row. Removing asks first with the
 * browser's own dialog (`confirmMessage`), since a removal cannot be undone from the table.
 */
export function RowActions({
  onEdit,
  onRemove,
  removing,
  confirmMessage,
}: {
  onEdit: () => void;
  onRemove: () => void;
  removing: boolean;
  confirmMessage: string;
}) {
  const intl = useIntl();
  return (
    <Table.Td>
      <Group gap={4} wrap="nowrap" justify="flex-end">
        <Button size="compact-xs" variant="subtle" onClick={onEdit}>
          {intl.formatMessage({ id: 'common.edit' })}
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          loading={removing}
          onClick={() => {
            if (window.confirm(confirmMessage)) onRemove();
          }}
        >
          {intl.formatMessage({ id: 'common.remove' })}
        </Button>
      </Group>
    </Table.Td>
  );
}
