import { zodResolver } from '@hookform/resolvers/zod';
import { Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { recoveryCodeField, totpCodeField } from '@tessera/domain';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import * as z from 'zod';
import { ErrorAlert } from '../../components/error-alert';
import { readAppError, translateMessageKey } from '../../lib/errors';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { trpc } from '../../lib/trpc';

const codeForm = z.object({ code: totpCodeField });
const recoveryForm = z.object({ recoveryCode: recoveryCodeField });

/** The sign-in step after the password: a code from the app, or one recovery code. */
export function SecondFactorStep({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const intl = useIntl();
  const [useRecovery, setUseRecovery] = useState(false);
  return useRecovery ? (
    <RecoveryCodeForm onSignedIn={onSignedIn} onBack={() => setUseRecovery(false)} key="recovery" />
  ) : (
    <Stack>
      <Text size="sm">{intl.formatMessage({ id: 'security.code.intro' })}</Text>
      <CodeForm onSignedIn={onSignedIn} />
      <Anchor component="button" type="button" size="sm" onClick={() => setUseRecovery(true)}>
        {intl.formatMessage({ id: 'security.recovery.use' })}
      </Anchor>
    </Stack>
  );
}

function useVerify(onSignedIn: () => Promise<void>, onFieldError: (error: unknown) => boolean) {
  const intl = useIntl();
  return useMutation(
    trpc.auth.verifySecondFactor.mutationOptions({
      onSuccess: async (result) => {
        if (result.method === 'recovery_code') {
          notifications.show({
            color: 'orange',
            autoClose: false,
            message: intl.formatMessage({ id: 'security.recovery.used' }, { count: result.recoveryCodesLeft }),
          });
        }
        await onSignedIn();
      },
      onError: (error) => onFieldError(error),
    }),
  );
}

function CodeForm({ onSignedIn }: { onSignedIn: () => Promise<void> }) {
  const intl = useIntl();
  const form = useForm<{ code: string }>({ resolver: zodResolver(codeForm), defaultValues: { code: '' } });
  const verify = useVerify(onSignedIn, (error) => applyServerFieldErrors(form.setError, error, ['code']));
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => verify.mutate(values))}>
      <Stack>
        {verify.error && !errors.code && <VerifyError error={verify.error} />}
        <TextInput
          label={intl.formatMessage({ id: 'security.code.label' })}
          inputMode="numeric"
          autoComplete="one-time-code"
          data-autofocus
          error={translateMessageKey(intl, errors.code?.message)}
          {...form.register('code')}
        />
        <Button type="submit" loading={verify.isPending}>
          {intl.formatMessage({ id: 'security.code.submit' })}
        </Button>
      </Stack>
    </form>
  );
}

function RecoveryCodeForm({ onSignedIn, onBack }: { onSignedIn: () => Promise<void>; onBack: () => void }) {
  const intl = useIntl();
  const form = useForm<{ recoveryCode: string }>({
    resolver: zodResolver(recoveryForm),
    defaultValues: { recoveryCode: '' },
  });
  const verify = useVerify(onSignedIn, (error) => applyServerFieldErrors(form.setError, error, ['recoveryCode']));
  const { errors } = form.formState;
  return (
    <form noValidate onSubmit={form.handleSubmit((values) => verify.mutate(values))}>
      <Stack>
        {verify.error && !errors.recoveryCode && <VerifyError error={verify.error} />}
        <TextInput
          label={intl.formatMessage({ id: 'security.recovery.label' })}
          autoComplete="off"
          error={translateMessageKey(intl, errors.recoveryCode?.message)}
          {...form.register('recoveryCode')}
        />
        <Button type="submit" loading={verify.isPending}>
          {intl.formatMessage({ id: 'security.code.submit' })}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          {intl.formatMessage({ id: 'security.recovery.useApp' })}
        </Anchor>
      </Stack>
    </form>
  );
}

/** Too many wrong codes: the same waiting message as for passwords. */
function VerifyError({ error }: { error: unknown }) {
  const intl = useIntl();
  const info = readAppError(error);
  if (info?.appCode === 'RATE_LIMITED') {
    return (
      <Text c="red" role="alert">
        {intl.formatMessage(
          { id: 'auth.signIn.rateLimited' },
          { seconds: Math.max(1, Math.ceil(info.retryAfterSeconds ?? 1)) },
        )}
      </Text>
    );
  }
  return <ErrorAlert error={error} />;
}
