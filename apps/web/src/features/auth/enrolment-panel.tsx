import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Code, CopyButton, Group, Image, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { confirmEnrolmentInput } from '@tessera/domain';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { ErrorAlert } from '../../components/error-alert';
import { translateMessageKey } from '../../lib/errors';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';

/**
 * Enrolment in two-step sign-in: a new secret as a QR code and as a key to copy, confirmed with
 * a code from the app; then the ten recovery codes, shown once. Used at sign-in (when the
 * organisation requires it) and from the user menu (a new phone).
 */
export function EnrolmentPanel({ onDone }: { onDone: () => void }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const begin = useMutation(trpc.auth.beginEnrolment.mutationOptions());
  const form = useForm<{ code: string }>({ resolver: zodResolver(confirmEnrolmentInput), defaultValues: { code: '' } });
  const confirm = useMutation(
    trpc.auth.confirmEnrolment.mutationOptions({
      onError: (error) => applyServerFieldErrors(form.setError, error, ['code']),
    }),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: one new secret per panel opened.
  useEffect(() => {
    begin.mutate();
  }, []);

  if (confirm.data) {
    return (
      <Stack>
        <Title order={3} size="h4">
          {t('security.enrol.codesTitle')}
        </Title>
        <Text size="sm">{t('security.enrol.codesIntro')}</Text>
        <List data-testid="recovery-codes" listStyleType="none" spacing={2}>
          {confirm.data.recoveryCodes.map((code) => (
            <List.Item key={code}>
              <Code>{code}</Code>
            </List.Item>
          ))}
        </List>
        <Button onClick={onDone}>{t('security.enrol.codesSaved')}</Button>
      </Stack>
    );
  }

  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => confirm.mutate(values))}>
      <Stack>
        <Text size="sm">{t('security.enrol.scan')}</Text>
        {begin.error && <ErrorAlert error={begin.error} />}
        {begin.data && (
          <>
            <Image src={begin.data.qrCode} alt={t('security.enrol.qrAlt')} w={200} h={200} />
            <Group gap="xs" wrap="nowrap">
              <Text size="sm">{t('security.enrol.secret')}:</Text>
              <Code data-testid="totp-secret">{begin.data.secret}</Code>
              <CopyButton value={begin.data.secret}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="light" onClick={copy}>
                    {t(copied ? 'security.enrol.copied' : 'security.enrol.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </>
        )}
        {confirm.error && !errors.code && <ErrorAlert error={confirm.error} />}
        <TextInput
          label={t('security.code.label')}
          inputMode="numeric"
          autoComplete="one-time-code"
          error={translateMessageKey(intl, errors.code?.message)}
          {...form.register('code')}
        />
        <Button type="submit" loading={confirm.isPending} disabled={!begin.data}>
          {t('security.enrol.confirm')}
        </Button>
      </Stack>
    </form>
  );
}
