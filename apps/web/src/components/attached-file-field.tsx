import { Anchor, Button, FileInput, Group } from '@mantine/core';
import { receiptPolicy } from '@tessera/domain';
import { type Control, Controller, type FieldPath, type FieldValues } from 'react-hook-form';
import { useIntl } from 'react-intl';

/**
 * A kept file on a form (an expenditure's receipt, a contribution's evidence): the file chooser,
 * limited to what the server accepts (PDF or image, at most receiptPolicy.maxBytes), and the file
 * already kept, as a link with a button to remove it.
 */
export function AttachedFileField<T extends FieldValues>({
  control,
  name,
  label,
  error,
  testId,
  kept,
  removeLabel,
  removeTestId,
  removing,
  removeDisabled,
  onRemove,
}: {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  error: string | undefined;
  testId: string;
  kept: { fileName: string; url: string } | null;
  removeLabel: string;
  removeTestId?: string;
  removing: boolean;
  removeDisabled?: boolean;
  onRemove: () => void;
}) {
  const intl = useIntl();
  return (
    <>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <FileInput
            label={label}
            description={intl.formatMessage(
              { id: 'ledger.receiptFileHint' },
              { max: receiptPolicy.maxBytes / 1024 / 1024 },
            )}
            accept={receiptPolicy.types.join(',')}
            clearable
            value={field.value}
            onChange={field.onChange}
            error={error}
            data-testid={testId}
          />
        )}
      />
      {kept && (
        <Group gap="xs">
          <Anchor href={kept.url} target="_blank" rel="noopener" size="sm">
            {kept.fileName}
          </Anchor>
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            loading={removing}
            disabled={removeDisabled}
            onClick={onRemove}
            data-testid={removeTestId}
          >
            {removeLabel}
          </Button>
        </Group>
      )}
    </>
  );
}
