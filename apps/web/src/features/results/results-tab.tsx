import { SegmentedControl, Stack } from '@mantine/core';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { Logframe } from './logframe';
import type { ResultsOwner } from './results-owner';
import { ResultsView } from './results-view';

/**
 * The Results tab of a project or a grant: the figures for a period, and the logframe behind
 * them (the indicators, their targets and hand-entered values).
 */
export function ResultsTab({ owner }: { owner: ResultsOwner }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const [section, setSection] = useState<'results' | 'logframe'>('results');

  return (
    <Stack>
      <SegmentedControl
        w="fit-content"
        value={section}
        onChange={(value) => setSection(value as 'results' | 'logframe')}
        data={[
          { value: 'results', label: t('results.section.results') },
          { value: 'logframe', label: t('results.section.logframe') },
        ]}
        data-testid="results-section"
      />
      {section === 'results' ? <ResultsView owner={owner} /> : <Logframe owner={owner} />}
    </Stack>
  );
}
