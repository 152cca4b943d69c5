import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import type { Period } from './periods';

export interface LabelledPeriod extends Period {
  kind: 'span' | 'year' | 'quarter' | 'reporting' | 'target';
  label: string;
}

/**
 * The periods a reader may pick for a grant or project (ADR 0012): the whole period, years,
 * reporting and target periods, quarters, labelled in the UI language; `anyDates` is true for
 * readers who see exact figures and may type any dates.
 */
export function useLatticePeriods(owner: { kind: 'grant' | 'project'; id: string }) {
  const intl = useIntl();
  const format = useFormat();
  const query = useQuery(
    trpc.results.periods.queryOptions(owner.kind === 'grant' ? { grantId: owner.id } : { projectId: owner.id }),
  );
  const periods: LabelledPeriod[] = (query.data?.periods ?? []).map((p) => ({
    ...p,
    label:
      p.kind === 'span'
        ? intl.formatMessage({ id: 'results.period.whole' })
        : intl.formatMessage(
            { id: `results.period.kind.${p.kind}` },
            { dates: `${format.day(p.from)} – ${format.day(p.to)}`, year: p.from.slice(0, 4) },
          ),
  }));
  return { periods, anyDates: query.data?.anyDates ?? false, isPending: query.isPending, error: query.error };
}
