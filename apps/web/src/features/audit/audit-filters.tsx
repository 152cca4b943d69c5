import { Button, Group, Select, TextInput } from '@mantine/core';
import { type AuditAction, auditActions, auditEntities } from '@tessera/domain';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { translateMessageKey } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

export interface AuditFilterValues {
  userId?: string;
  action?: AuditAction;
  entity?: string;
  from?: string | null;
  to?: string | null;
}

/** Person, action, kind of record and dates; each change starts again from the first page. */
export function AuditFilters({
  value,
  onChange,
  errors,
}: {
  value: AuditFilterValues;
  onChange: (next: AuditFilterValues) => void;
  /** Field errors as message keys, from the shared schema or the server. */
  errors: Partial<Record<string, string>>;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const members = useQuery(trpc.members.list.queryOptions());
  const error = (field: string) => translateMessageKey(intl, errors[field]);
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });
  const anySet = Object.values(value).some((v) => v);

  return (
    <Group align="flex-end" gap="sm" wrap="wrap" data-testid="audit-filters">
      <Select
        label={t('audit.filter.person')}
        placeholder={t('audit.filter.any')}
        clearable
        searchable
        data={(members.data ?? []).map((m) => ({ value: m.userId, label: m.displayName }))}
        value={value.userId ?? null}
        onChange={(userId) => set({ userId: userId ?? undefined })}
        error={error('userId')}
        style={{ flex: '1 1 180px' }}
        comboboxProps={{ withinPortal: true }}
        data-testid="audit-filter-person"
      />
      <Select
        label={t('audit.filter.action')}
        placeholder={t('audit.filter.any')}
        clearable
        data={auditActions.map((action) => ({ value: action, label: t(`audit.action.${action}`) }))}
        value={value.action ?? null}
        onChange={(action) => set({ action: (action as AuditFilterValues['action']) ?? undefined })}
        error={error('action')}
        style={{ flex: '1 1 160px' }}
        comboboxProps={{ withinPortal: true }}
        data-testid="audit-filter-action"
      />
      <Select
        label={t('audit.filter.entity')}
        placeholder={t('audit.filter.any')}
        clearable
        searchable
        data={auditEntities
          .map((entity) => ({ value: entity, label: t(`audit.entity.${entity}`) }))
          .sort((a, b) => a.label.localeCompare(b.label, intl.locale))}
        value={value.entity ?? null}
        onChange={(entity) => set({ entity: entity ?? undefined })}
        error={error('entity')}
        style={{ flex: '1 1 180px' }}
        comboboxProps={{ withinPortal: true }}
        data-testid="audit-filter-entity"
      />
      <TextInput
        type="date"
        label={t('audit.filter.from')}
        value={value.from ?? ''}
        onChange={(e) => set({ from: e.currentTarget.value || null })}
        error={error('from')}
        data-testid="audit-filter-from"
      />
      <TextInput
        type="date"
        label={t('audit.filter.to')}
        value={value.to ?? ''}
        onChange={(e) => set({ to: e.currentTarget.value || null })}
        error={error('to')}
        data-testid="audit-filter-to"
      />
      {anySet && (
        <Button variant="subtle" onClick={() => onChange({})} data-testid="audit-filter-clear">
          {t('audit.filter.clear')}
        </Button>
      )}
    </Group>
  );
}
