import { Center, Loader } from '@mantine/core';
import { useIntl } from 'react-intl';

export function Loading() {
  const intl = useIntl();
  return (
    <Center py="xl">
      {/* A named status: a bare span may not carry aria-label (axe aria-prohibited-attr). */}
      <Loader role="status" aria-label={intl.formatMessage({ id: 'app.loading' })} />
    </Center>
  );
}
