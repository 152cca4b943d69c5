import { Progress, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useIntl } from 'react-intl';

type Judge = typeof import('@tessera/domain/password-strength').judgePassword;

// The dictionaries are large: loaded on the first password form, never with the app itself.
let judgeLoading: Promise<Judge> | undefined;
function loadJudge(): Promise<Judge> {
  judgeLoading ??= import('@tessera/domain/password-strength').then((m) => m.judgePassword);
  return judgeLoading;
}

const colors = ['red', 'red', 'orange', 'teal', 'green'] as const;

/**
 * How guessable the typed password is, by the same rule the server applies when it is saved
 * (`judgePassword`, zxcvbn-ts with its common-password lists and the person's email and name).
 */
export function PasswordStrengthMeter({
  password,
  person,
}: {
  password: string;
  person: { email?: string; displayName?: string };
}) {
  const intl = useIntl();
  const [judge, setJudge] = useState<Judge | null>(null);
  useEffect(() => {
    let live = true;
    void loadJudge().then((loaded) => {
      if (live) setJudge(() => loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!judge || password === '') return null;
  const { score } = judge(password, person);
  const level = intl.formatMessage({ id: `security.strength.${score}` });
  return (
    <div data-testid="password-strength" data-score={score}>
      <Progress value={(score + 1) * 20} color={colors[score]} size="sm" aria-hidden />
      <Text size="xs" c="dimmed" mt={4} aria-live="polite">
        {intl.formatMessage({ id: 'security.strength.label' }, { level })}
      </Text>
    </div>
  );
}
