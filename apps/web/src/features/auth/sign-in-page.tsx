import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type SignInInput, signInInput } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { useIntl } from 'react-intl';
import { Loading } from '../../components/loading';
import { readAppError, translateAppError, translateMessageKey } from '../../lib/errors';
import { trpc } from '../../lib/trpc';
import { LanguageMenu } from '../shell/language-menu';
import { EnrolmentPanel } from './enrolment-panel';
import { SecondFactorStep } from './second-factor-step';
import { useSession } from './use-session';

export function SignInPage() {
  const intl = useIntl();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { query, session } = useSession();
  const form = useForm<SignInInput>({ resolver: zodResolver(signInInput), defaultValues: { email: '', password: '' } });
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
            {stage === 'enrol' ? (
              <>
                <Text size="sm">{intl.formatMessage({ id: 'security.enrol.required' })}</Text>
                <EnrolmentPanel onDone={() => void enterApp()} />
              </>
            ) : (
              <SecondFactorStep onSignedIn={enterApp} />
            )}
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
  const { errors } = form.formState;

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
        <form
          noValidate
          onSubmit={form.handleSubmit((values) => signIn.mutate(values))}
          aria-labelledby="sign-in-title"
        >
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
              error={translateMessageKey(intl, errors.email?.message)}
              {...form.register('email')}
            />
            <PasswordInput
              label={intl.formatMessage({ id: 'auth.signIn.password' })}
              autoComplete="current-password"
              required
              error={translateMessageKey(intl, errors.password?.message)}
              {...form.register('password')}
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
