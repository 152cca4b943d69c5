import { Alert, List } from '@mantine/core';
import { type MoneyAlarm, moneyAlarms } from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { trpc } from '../../lib/trpc';
import { useFormat } from '../../lib/use-format';

/** One alarm in words: "Line 1 is $1,110.00 over its budget". */
export function useAlarmText(): (alarm: MoneyAlarm, currency: string) => string {
  const intl = useIntl();
  const format = useFormat();
  return (alarm, currency) =>
    intl.formatMessage(
      { id: `alarm.${alarm.kind}` },
      { amount: format.money(alarm.overMinor, currency), code: 'code' in alarm ? alarm.code : '' },
    );
}

/** A grant's money alarms (issue 11 item 4), above every tab of the grant page. */
export function GrantMoneyAlarms({ grant }: { grant: { id: string; amountMinor: number; currency: string } }) {
  const intl = useIntl();
  const text = useAlarmText();
  const report = useQuery(trpc.grants.budgetVsActual.queryOptions({ grantId: grant.id }));
  if (!report.data) return null;
  const alarms = moneyAlarms(report.data, grant.amountMinor);
  return (
    <AlarmList title={intl.formatMessage({ id: 'alarm.title' })} testId="grant-alarms">
      {alarms.map((alarm) => (
        <List.Item key={`${alarm.kind}-${'code' in alarm ? alarm.code : ''}`} data-testid={`alarm-${alarm.kind}`}>
          {text(alarm, grant.currency)}
        </List.Item>
      ))}
    </AlarmList>
  );
}

/** The organisation's alarms on the finance dashboard, each with its grant. */
export function DashboardMoneyAlarms({
  alarms,
}: {
  alarms: { grantId: string; grantTitle: string; currency: string; alarm: MoneyAlarm }[];
}) {
  const intl = useIntl();
  const text = useAlarmText();
  return (
    <AlarmList title={intl.formatMessage({ id: 'alarm.dashboardTitle' })} testId="dashboard-alarms">
      {alarms.map(({ grantId, grantTitle, currency, alarm }) => (
        <List.Item
          key={`${grantId}-${alarm.kind}-${'code' in alarm ? alarm.code : ''}`}
          data-testid={`alarm-${alarm.kind}`}
        >
          <Link to="/grants/$grantId" params={{ grantId }} search={{ tab: 'actual' }}>
            {grantTitle}
          </Link>
          : {text(alarm, currency)}
        </List.Item>
      ))}
    </AlarmList>
  );
}

function AlarmList({ title, testId, children }: { title: string; testId: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <Alert color="red" title={title} data-testid={testId} role="alert">
      <List size="sm">{children}</List>
    </Alert>
  );
}
