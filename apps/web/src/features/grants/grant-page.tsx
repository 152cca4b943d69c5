import { Anchor, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';
import { useCan } from '../auth/use-session';
import { ReportsTab } from '../reports/reports-tab';
import { ResultsTab } from '../results/results-tab';
import { BudgetTab } from './budget-tab';
import { BudgetVsActualTab } from './budget-vs-actual-tab';
import { DeadlinesTab } from './deadlines-tab';
import type { GrantTab } from './grants-search';
import { LedgerTab } from './ledger-tab';
import { MatchSection } from './match-section';
import { GrantMoneyAlarms } from './money-alarms';
import { OverviewTab } from './overview-tab';
import { GrantStatusBadge } from './status-badge';
import { TranchesTab } from './tranches-tab';

/**
 * One grant: overview and status, budget, tranches, the ledger (finance and admin only: the API
 * refuses anyone else), reporting deadlines, budget vs actual with cost share and match, results
 * and report packs.
 */
export function GrantPage({
  grantId,
  tab,
  onTabChange,
}: {
  grantId: string;
  tab: GrantTab;
  onTabChange: (tab: GrantTab) => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const canReadLedger = useCan('ledger.read');
  const t = (id: string) => intl.formatMessage({ id });
  const detail = useQuery(trpc.grants.get.queryOptions({ id: grantId }));

  if (detail.isPending) return <Loading />;
  if (detail.isError) return <ErrorAlert error={detail.error} onReload={() => void detail.refetch()} />;
  const { grant } = detail.data;
  const current: GrantTab = tab === 'ledger' && !canReadLedger ? 'overview' : tab;

  return (
    <Stack>
      <Anchor component={Link} to="/grants" size="sm">
        ← {t('grants.backToList')}
      </Anchor>
      <div>
        <Group gap="sm" wrap="wrap">
          <Title order={2} data-testid="grant-title">
            {grant.title}
          </Title>
          <GrantStatusBadge status={grant.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {[
            grant.funderName,
            grant.reference,
            format.money(grant.amountMinor, grant.currency),
            `${format.day(grant.startDate)} – ${format.day(grant.endDate)}`,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      </div>
      <GrantMoneyAlarms grant={grant} />
      <Tabs value={current} onChange={(value) => value && onTabChange(value as GrantTab)} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'wrap' }} data-testid="tab-row">
          <Tabs.Tab value="overview">{t('grant.tab.overview')}</Tabs.Tab>
          <Tabs.Tab value="budget">{t('grant.tab.budget')}</Tabs.Tab>
          <Tabs.Tab value="tranches">{t('grant.tab.tranches')}</Tabs.Tab>
          {canReadLedger && <Tabs.Tab value="ledger">{t('grant.tab.ledger')}</Tabs.Tab>}
          <Tabs.Tab value="deadlines">{t('grant.tab.deadlines')}</Tabs.Tab>
          <Tabs.Tab value="actual">{t('grant.tab.actual')}</Tabs.Tab>
          <Tabs.Tab value="results">{t('results.tab')}</Tabs.Tab>
          <Tabs.Tab value="reports">{t('reports.tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <OverviewTab detail={detail.data} />
        </Tabs.Panel>
        <Tabs.Panel value="budget" pt="md">
          <BudgetTab grant={grant} />
        </Tabs.Panel>
        <Tabs.Panel value="tranches" pt="md">
          <TranchesTab grant={grant} baseCurrency={detail.data.baseCurrency} />
        </Tabs.Panel>
        {canReadLedger && (
          <Tabs.Panel value="ledger" pt="md">
            <LedgerTab grant={grant} baseCurrency={detail.data.baseCurrency} />
          </Tabs.Panel>
        )}
        <Tabs.Panel value="deadlines" pt="md">
          <DeadlinesTab grant={grant} />
        </Tabs.Panel>
        <Tabs.Panel value="actual" pt="md">
          <Stack gap="xl">
            <BudgetVsActualTab grantId={grant.id} />
            <MatchSection grant={grant} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="results" pt="md">
          <ResultsTab owner={{ kind: 'grant', id: grant.id, startDate: grant.startDate, endDate: grant.endDate }} />
        </Tabs.Panel>
        <Tabs.Panel value="reports" pt="md">
          <ReportsTab grant={grant} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
