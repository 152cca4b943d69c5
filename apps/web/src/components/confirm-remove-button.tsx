import { Button } from '@mantine/core';

/** The red "Remove …" button under a record's form: asks first, then calls `onConfirm`. */
export function ConfirmRemoveButton({
  label,
  confirm,
  loading,
  onConfirm,
  testId,
}: {
  label: string;
  confirm: string;
  loading: boolean;
  onConfirm: () => void;
  testId: string;
}) {
  return (
    <Button
      variant="default"
      color="red"
      loading={loading}
      onClick={() => {
        if (window.confirm(confirm)) onConfirm();
      }}
      data-testid={testId}
    >
      {label}
    </Button>
  );
}
