import { Button, Menu } from '@mantine/core';
import { type Locale, localeNames, locales } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useLocale } from '../../app/locale';
import { formatDay, formattingLocale } from '../../lib/format-dates';
import { trpc } from '../../lib/trpc';

/**
 * Switches the UI language at once; when signed in, also saves it on the user so that it
 * follows them to other devices.
 */
export function LanguageMenu({ variant }: { variant: 'header' | 'sign-in' }) {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const { locale, setLocale, usFormats, setUsFormats } = useLocale();
  const session = useQuery(trpc.auth.session.queryOptions()).data ?? null;
  const save = useMutation(
    trpc.auth.setLocale.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.auth.session.queryKey() }),
    }),
  );

  const saveFormats = useMutation(
    trpc.auth.setUsFormats.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.auth.session.queryKey() }),
    }),
  );
  const chooseFormats = (us: boolean) => {
    setUsFormats(us);
    saveFormats.mutate({ usFormats: us });
  };
  // The same day in each convention, so the choice shows what it means.
  const example = (formatLocale: string) => formatDay(formatLocale, '2026-12-03');

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
        {locale === 'en' && session && (
          <>
            <Menu.Divider />
            <Menu.Label>{intl.formatMessage({ id: 'shell.formats' })}</Menu.Label>
            {[false, true].map((us) => (
              <Menu.Item
                key={String(us)}
                onClick={() => chooseFormats(us)}
                aria-current={us === usFormats ? 'true' : undefined}
                fw={us === usFormats ? 700 : undefined}
                data-testid={us ? 'formats-us' : 'formats-gb'}
              >
                {intl.formatMessage(
                  { id: us ? 'shell.formats.us' : 'shell.formats.gb' },
                  { example: example(formattingLocale('en', us)) },
                )}
              </Menu.Item>
            ))}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
