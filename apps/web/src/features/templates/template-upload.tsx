import { Button, FileInput, Group, Paper, SegmentedControl, Select, Stack, TextInput, Title } from '@mantine/core';
import { type Locale, localeNames, locales } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { firstFieldErrors, readAppError, translateMessageKey } from '../../lib/errors';
import { trpc } from '../../lib/trpc';

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Attaching a funder's template to a funder (all its grants) or one grant. */
export function TemplateUpload() {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const queryClient = useQueryClient();
  const [owner, setOwner] = useState<'funder' | 'grant'>('funder');
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [language, setLanguage] = useState<Locale>('en');
  const [file, setFile] = useState<File | null>(null);
  const funders = useQuery(trpc.funders.list.queryOptions({ status: 'active', limit: 200 }));
  const grants = useQuery(trpc.grants.list.queryOptions({ search: '' }));
  const upload = useMutation(
    trpc.templates.upload.mutationOptions({
      onSuccess: async () => {
        setFile(null);
        setName('');
        await queryClient.invalidateQueries({ queryKey: trpc.templates.list.pathKey() });
      },
    }),
  );
  const submit = async () => {
    if (!file) return;
    upload.mutate({
      name,
      language,
      funderId: owner === 'funder' ? ownerId : null,
      grantId: owner === 'grant' ? ownerId : null,
      fileName: file.name,
      contentBase64: await base64Of(file),
    });
  };
  const fileError = upload.isError
    ? firstFieldErrors(readAppError(upload.error))
        .filter(([field]) => field === 'file')
        .map(([, key]) => translateMessageKey(intl, key))
        .join(' ')
    : '';
  const choices =
    owner === 'funder'
      ? (funders.data?.items ?? []).map((f) => ({ value: f.id, label: f.name }))
      : (grants.data ?? []).map((g) => ({ value: g.id, label: g.reference ? `${g.reference} — ${g.title}` : g.title }));

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm" maw={560}>
        <Title order={3}>{t('templates.upload.title')}</Title>
        <SegmentedControl
          value={owner}
          onChange={(v) => {
            setOwner(v as 'funder' | 'grant');
            setOwnerId(null);
          }}
          data={[
            { value: 'funder', label: t('templates.upload.forFunder') },
            { value: 'grant', label: t('templates.upload.forGrant') },
          ]}
        />
        <Select
          label={owner === 'funder' ? t('templates.upload.funder') : t('templates.upload.grant')}
          data={choices}
          value={ownerId}
          onChange={setOwnerId}
          searchable
          data-testid="template-owner"
        />
        <TextInput
          label={t('templates.field.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          data-testid="template-name"
        />
        <Select
          label={t('templates.field.language')}
          data={locales.map((l) => ({ value: l, label: localeNames[l] }))}
          value={language}
          allowDeselect={false}
          onChange={(v) => v && setLanguage(v as Locale)}
        />
        <FileInput
          label={t('templates.upload.file')}
          accept=".docx,.xlsx"
          value={file}
          onChange={setFile}
          error={fileError || undefined}
          data-testid="template-file"
        />
        {upload.isError && !fileError && <ErrorAlert error={upload.error} />}
        <Group>
          <Button
            onClick={() => void submit()}
            disabled={!file || !ownerId || name.trim() === ''}
            loading={upload.isPending}
            data-testid="template-upload"
          >
            {t('templates.upload.button')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
