import { Button, Menu } from '@mantine/core';
import { type Locale, localeNames, locales } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useLocale } from '../../app/locale';
import { trpc } from '../../lib/trpc';

/**
 * Switches the UI language at once; when signed in, also saves it on the user so that it
 * follows them to other devices.
 */
export function LanguageMenu({ variant }: { variant: 'header' | 'sign-in' }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const { locale, setLocale } = useLocale();
  const session = useQuery(trpc.auth.session.queryOptions()).data ?? null;
  const save = useMutation(
    trpc.auth.setLocale.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.auth.session.queryKey() }),
    }),
  );

  const choose = (next: Locale) => {
    setLocale(next);
    if (session) save.mutate({ locale: next });
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant={variant === 'header' ? 'subtle' : 'light'}
          size={variant === 'header' ? 'compact-sm' : 'sm'}
          aria-label={`${intl.formatMessage({ id: 'shell.language' })}: ${localeNames[locale]}`}
          data-testid="language-menu"
        >
          {variant === 'header' ? locale.toUpperCase() : localeNames[locale]}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{intl.formatMessage({ id: 'shell.language' })}</Menu.Label>
        {locales.map((candidate) => (
          <Menu.Item
            key={candidate}
            lang={candidate}
            onClick={() => choose(candidate)}
            aria-current={candidate === locale ? 'true' : undefined}
            fw={candidate === locale ? 700 : undefined}
          >
            {localeNames[candidate]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
