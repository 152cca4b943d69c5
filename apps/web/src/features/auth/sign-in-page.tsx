import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { SignInInput } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from '@tanstack/react-router';
import { useIntl } from 'react-intl';
import { type FormEvent, lazy, Suspense, useState } from 'react';
import { Loading } from '../../components/loading';
import { readAppError, translateAppError, translateMessageKey } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { LanguageMenu } from '../shell/language-menu';
import { readSignIn, requiredMissing } from './sign-in-values';

// The second step's forms load only when a password was right and a code is owed: the sign-in
// page itself stays within its JavaScript budget (docs/decisions/0026-javascript-budget.md).
const EnrolmentPanel = lazy(async () => ({ default: (await import('./enrolment-panel')).EnrolmentPanel }));
const SecondFactorStep = lazy(async () => ({ default: (await import('./second-factor-step')).SecondFactorStep }));

export function SignInPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.auth.session.queryOptions());
  const session = query.data ?? null;
  const [errors, setErrors] = useState<Partial<Record<keyof SignInInput, string>>>({});
  // Password right, second factor still owed: which step to show (survives a reload).
  const pending = useQuery(trpc.auth.pendingStage.queryOptions());
  const enterApp = async () => {
    queryClient.clear();
    await queryClient.fetchQuery(trpc.auth.session.queryOptions());
    await navigate({ to: '/' });
  };
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: async (result) => {
        if (result.stage === 'full') await enterApp();
        else await pending.refetch();
      },
    }),
  );

  if (query.isPending || pending.isPending) return <Loading />;
  if (session && !signIn.isPending) return <Navigate to="/" />;
  const stage = pending.data?.stage ?? null;
  if (stage) {
    return (
      <Center mih="100dvh" p="md" bg="gray.0">
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={460}>
          <Stack>
            <Title order={1} size="h2">
              {intl.formatMessage({ id: stage === 'enrol' ? 'security.enrol.title' : 'security.code.title' })}
            </Title>
            <Suspense fallback={<Loading />}>
              {stage === 'enrol' ? (
                <>
                  <Text size="sm">{intl.formatMessage({ id: 'security.enrol.required' })}</Text>
                  <EnrolmentPanel onDone={() => void enterApp()} />
                </>
              ) : (
                <SecondFactorStep onSignedIn={enterApp} />
              )}
            </Suspense>
            <LanguageMenu variant="sign-in" />
          </Stack>
        </Paper>
      </Center>
    );
  }

  const failure = readAppError(signIn.error);
  const failureText =
    failure?.appCode === 'INVALID_CREDENTIALS' || failure?.appCode === 'VALIDATION'
      ? intl.formatMessage({ id: 'auth.signIn.invalidCredentials' })
      : failure?.appCode === 'RATE_LIMITED'
        ? intl.formatMessage(
            { id: 'auth.signIn.rateLimited' },
            { seconds: Math.max(1, Math.ceil(failure.retryAfterSeconds ?? 1)) },
          )
        : failure
          ? translateAppError(intl, failure)
          : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const values = readSignIn(new FormData(event.currentTarget));
    const missing = requiredMissing(values);
    setErrors(missing);
    if (Object.keys(missing).length === 0) signIn.mutate(values);
  };

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form noValidate onSubmit={submit} aria-labelledby="sign-in-title">
          <Stack>
            <div>
              <Title order={1} size="h2" id="sign-in-title">
                {intl.formatMessage({ id: 'auth.signIn.title' })}
              </Title>
              <Text c="dimmed" size="sm">
                {intl.formatMessage({ id: 'auth.signIn.subtitle' })}
              </Text>
            </div>
            {failureText && (
              <Alert color="red" role="alert" data-testid="sign-in-error">
                {failureText}
              </Alert>
            )}
            <TextInput
              label={intl.formatMessage({ id: 'auth.signIn.email' })}
              type="email"
              autoComplete="username"
              required
              name="email"
              error={translateMessageKey(intl, errors.email)}
            />
            <PasswordInput
              label={intl.formatMessage({ id: 'auth.signIn.password' })}
              autoComplete="current-password"
              required
              name="password"
              error={translateMessageKey(intl, errors.password)}
            />
            <Button type="submit" loading={signIn.isPending}>
              {intl.formatMessage({ id: 'auth.signIn.submit' })}
            </Button>
            <LanguageMenu variant="sign-in" />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
