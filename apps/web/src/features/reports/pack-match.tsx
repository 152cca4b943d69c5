import { Table, Title } from '@mantine/core';
import type { ReportPackContent } from '@tessera/domain';
import { useIntl } from 'react-intl';
import { useFormat } from '../../lib/use-format';

/**
 * A pack's cost share and match (co-financing): in the period and cumulatively, against the
 * required match, as the EU report and the SF-425 show them. Nothing for a pack frozen before
 * match was kept.
 */
export function PackMatch({ content }: { content: ReportPackContent }) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string) => intl.formatMessage({ id });
  const match = content.finance.match;
  if (!match) return null;
  const money = (minor: number) => format.money(minor, content.finance.currency);
  const { period, toDate } = match;
  const rows: [string, string, string][] = [
    [t('match.required'), '', money(toDate.requiredMinor)],
    [t('match.cash'), money(period.cashMinor), money(toDate.cashMinor)],
    [t('match.inKind'), money(period.inKindMinor), money(toDate.inKindMinor)],
    [t('match.contributed'), money(period.contributedMinor), money(toDate.contributedMinor)],
    [t('match.remaining'), '', money(toDate.remainingMinor)],
    [t('match.met'), '', toDate.metShare === null ? t('common.none') : format.percent(toDate.metShare)],
  ];
  return (
    <>
      <Title order={4} size="h5">
        {t('match.title')}
      </Title>
      <Table.ScrollContainer minWidth={420}>
        <Table striped verticalSpacing="xs" data-testid="pack-match">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{t('match.thisPeriod')}</Table.Th>
              <Table.Th ta="right">{t('match.cumulative')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(([label, inPeriod, cumulative]) => (
              <Table.Tr key={label}>
                <Table.Td>{label}</Table.Td>
                <Table.Td ta="right">{inPeriod}</Table.Td>
                <Table.Td ta="right">{cumulative}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
