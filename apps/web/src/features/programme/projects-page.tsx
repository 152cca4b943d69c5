import { Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { EmptyState } from '../../components/empty-state';
import { TableEmptyRow } from '../../components/table-empty-row';
import { trpc } from '../../lib/trpc';
import { useCan } from '../auth/use-session';
import { useProgrammeFormat } from './use-programme-format';
import { AnchorLink, ButtonLink } from './links';

/** Projects with their partners (and roles), the grants that fund them and how many activities. */
export function ProjectsPage() {
  const intl = useIntl();
  const pf = useProgrammeFormat();
  const canWrite = useCan('delivery.write');
  const t = (id: string) => intl.formatMessage({ id });
  const projects = useQuery(trpc.projects.list.queryOptions());

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={2}>{t('programme.projects.title')}</Title>
        {canWrite && (
          <ButtonLink to="/projects/new" data-testid="new-project">
            {t('programme.projects.new')}
          </ButtonLink>
        )}
      </Group>
      {projects.isPending ? (
        <Loading />
      ) : projects.isError ? (
        <ErrorAlert error={projects.error} onReload={() => void projects.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="projects-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('programme.projects.field.title')}</Table.Th>
                <Table.Th>{t('programme.projects.column.dates')}</Table.Th>
                <Table.Th>{t('programme.projects.field.partners')}</Table.Th>
                <Table.Th>{t('programme.projects.field.grants')}</Table.Th>
                <Table.Th ta="right">{t('programme.projects.column.activities')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {projects.data.map((project) => (
                <Table.Tr key={project.id} data-testid="project-row">
                  <Table.Td>
                    <AnchorLink to="/projects/$projectId" params={{ projectId: project.id }} fw={500}>
                      {project.title}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{pf.period(project.startDate, project.endDate)}</Table.Td>
                  <Table.Td>
                    {project.partners.length === 0
                      ? t('common.none')
                      : project.partners.map((p) => (
                          <Text key={p.partnerId} size="sm">
                            {p.partnerName}{' '}
                            <Text span size="xs" c="dimmed">
                              ({p.role})
                            </Text>
                          </Text>
                        ))}
                  </Table.Td>
                  <Table.Td>
                    {project.grants.length === 0
                      ? t('common.none')
                      : project.grants.map((g) => (
                          <Text key={g.grantId} size="sm">
                            <AnchorLink to="/grants/$grantId" params={{ grantId: g.grantId }} size="sm">
                              {g.title}
                            </AnchorLink>
                            {g.reference && (
                              <Text span size="xs" c="dimmed">
                                {' '}
                                ({g.reference})
                              </Text>
                            )}
                          </Text>
                        ))}
                  </Table.Td>
                  <Table.Td ta="right" data-testid="project-activity-count">
                    {pf.number(project.activityCount)}
                  </Table.Td>
                </Table.Tr>
              ))}
              {projects.data.length === 0 && (
                <TableEmptyRow colSpan={5}>
                  <EmptyState
                    filtered={false}
                    purpose={t('programme.projects.firstStep')}
                    action={
                      canWrite && (
                        <ButtonLink to="/projects/new" data-testid="first-project">
                          {t('programme.projects.firstStepAction')}
                        </ButtonLink>
                      )
                    }
                  />
                </TableEmptyRow>
              )}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
