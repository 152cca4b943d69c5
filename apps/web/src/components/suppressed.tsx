import { Text } from '@mantine/core';
import { type Shown, suppressedMark } from '@tessera/domain';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';

/**
 * The one neutral mark of a hidden figure (`suppressedMark`, "x"), the same for a small count and
 * for a figure hidden to protect one, so that they cannot be told apart; it claims no value. Its
 * meaning is its title and accessible name, and `SuppressedFootnote` says it under the figures.
 */
export function SuppressedMark() {
  const intl = useIntl();
  const label = intl.formatMessage({ id: 'common.suppressed.label' });
  return (
    <abbr title={label} aria-label={label} data-suppressed="" style={{ textDecoration: 'none', cursor: 'help' }}>
      {suppressedMark}
    </abbr>
  );
}

/** A figure for the screen: the mark where it is hidden, else the formatted value. */
export function shownNode(shown: Shown, format: (value: number) => string): ReactNode {
  return shown.suppressed ? <SuppressedMark /> : format(shown.value);
}

/** "x: not shown, to protect people in small groups", in the reader's language. */
export function SuppressedFootnote({ testId = 'suppressed-footnote' }: { testId?: string }) {
  const intl = useIntl();
  return (
    <Text size="xs" c="dimmed" data-testid={testId}>
      {intl.formatMessage({ id: 'common.suppressed.footnote' }, { mark: suppressedMark })}
    </Text>
  );
}
