import { zodResolver } from '@hookform/resolvers/zod';
import {
  ActionIcon,
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type CreateProjectInput, type Project, type ProjectFormValues, projectFields } from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Controller, type FieldPath, useFieldArray, useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { PageForm } from '../../components/page-form';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';
import { useFieldProps } from '../../lib/use-field-props';

export const emptyProject: ProjectFormValues = {
  title: '',
  summary: '',
  startDate: '',
  endDate: '',
  partners: [],
  grantIds: [],
};

export function projectToFormValues(project: Project): ProjectFormValues {
  return {
    title: project.title,
    summary: project.summary ?? '',
    startDate: project.startDate,
    endDate: project.endDate,
    partners: project.partners.map((p) => ({ partnerId: p.partnerId, role: p.role })),
    grantIds: project.grants.map((g) => g.grantId),
  };
}

/** API paths → form fields: a grant's error lands on the grants box, a partner's on its row. */
function fieldFor(path: string): FieldPath<ProjectFormValues> | undefined {
  if (/^grantIds(\.\d+)?$/.test(path)) return 'grantIds';
  if (/^partners\.\d+\.(partnerId|role)$/.test(path)) return path as FieldPath<ProjectFormValues>;
  if (['title', 'summary', 'startDate', 'endDate'].includes(path)) return path as FieldPath<ProjectFormValues>;
  return undefined;
}

/**
 * A project's fields: dates, the partners it runs with (each with its role) and the grants that
 * fund it. Checked with the API's own schema; `onSubmit` resolves to the server's error (or null)
 * so that field errors land on the right inputs.
 */
export function ProjectForm({
  defaultValues,
  readOnly,
  submitting,
  submitLabel,
  onSubmit,
  actions,
}: {
  defaultValues: ProjectFormValues;
  readOnly: boolean;
  submitting: boolean;
  submitLabel: string;
  onSubmit: (values: CreateProjectInput) => Promise<unknown>;
  actions?: ReactNode;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const form = useForm<ProjectFormValues, unknown, CreateProjectInput>({
    resolver: zodResolver(projectFields),
    defaultValues,
  });
  const { inputProps, error } = useFieldProps(form);
  const partnerRows = useFieldArray({ control: form.control, name: 'partners' });
  const partners = useQuery(trpc.partners.list.queryOptions());
  const grants = useQuery(trpc.grants.list.queryOptions({ search: '' }));

  const submit = form.handleSubmit(async (values) => {
    const failure = await onSubmit(values);
    if (failure) applyServerFieldErrors(form.setError, failure, fieldFor);
  });

  const partnerOptions = (partners.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  const grantOptions = (grants.data ?? []).map((g) => ({
    value: g.id,
    label: g.reference ? `${g.title} (${g.reference})` : g.title,
  }));

  return (
    <PageForm
      onSubmit={submit}
      testId="project-form"
      readOnly={readOnly}
      submitting={submitting}
      submitLabel={submitLabel}
      submitTestId="project-save"
      actions={actions}
    >
      <TextInput label={t('programme.projects.field.title')} required {...inputProps('title')} />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput type="date" label={t('programme.field.startDate')} required {...inputProps('startDate')} />
        <TextInput type="date" label={t('programme.field.endDate')} required {...inputProps('endDate')} />
      </SimpleGrid>
      <Textarea
        label={t('programme.projects.field.summary')}
        autosize
        minRows={2}
        maxRows={10}
        {...inputProps('summary')}
      />
      <Controller
        control={form.control}
        name="grantIds"
        render={({ field }) => (
          <MultiSelect
            label={t('programme.projects.field.grants')}
            description={t('programme.projects.field.grantsHint')}
            searchable
            data={grantOptions}
            value={field.value ?? []}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            name={field.name}
            error={error('grantIds')}
            nothingFoundMessage={t('common.noResults')}
            comboboxProps={{ withinPortal: true }}
            data-testid="project-grants"
          />
        )}
      />
      <Stack gap="xs" data-testid="project-partners">
        <Text size="sm" fw={500}>
          {t('programme.projects.field.partners')}
        </Text>
        {partnerRows.fields.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('programme.projects.noPartners')}
          </Text>
        )}
        {partnerRows.fields.map((row, index) => (
          <Group key={row.id} align="flex-start" gap="xs" wrap="nowrap" data-testid="project-partner-row">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" style={{ flex: 1 }}>
              <Controller
                control={form.control}
                name={`partners.${index}.partnerId`}
                render={({ field }) => (
                  <Select
                    label={t('programme.projects.field.partner')}
                    required
                    searchable
                    data={partnerOptions}
                    value={field.value || null}
                    onChange={(value) => field.onChange(value ?? '')}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    name={field.name}
                    error={error(`partners.${index}.partnerId`)}
                    nothingFoundMessage={t('programme.projects.noPartnerOptions')}
                    comboboxProps={{ withinPortal: true }}
                  />
                )}
              />
              <TextInput
                label={t('programme.projects.field.partnerRole')}
                placeholder={t('programme.projects.field.partnerRolePlaceholder')}
                required
                {...inputProps(`partners.${index}.role`)}
              />
            </SimpleGrid>
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                onClick={() => partnerRows.remove(index)}
                aria-label={t('programme.projects.removePartner')}
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {!readOnly && (
          <Group>
            <Button
              size="xs"
              variant="light"
              onClick={() => partnerRows.append({ partnerId: '', role: '' })}
              data-testid="project-partner-add"
            >
              {t('programme.projects.addPartner')}
            </Button>
          </Group>
        )}
      </Stack>
    </PageForm>
  );
}
