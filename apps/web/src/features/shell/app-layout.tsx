import { AppShell, Avatar, Burger, Button, Group, Menu, NavLink, Select, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { can, type Role } from '@tessera/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useIntl } from 'react-intl';
import { useTimeZoneReady } from '../../app/use-time-zone-ready';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { trpc } from '../../lib/trpc';
import { useSession } from '../auth/use-session';
import { LanguageMenu } from './language-menu';

// Opened from the user menu only: their forms (and the form library) load when first opened.
const ChangePasswordModal = lazy(async () => ({
  default: (await import('../auth/change-password-modal')).ChangePasswordModal,
}));
const SecondFactorModal = lazy(async () => ({
  default: (await import('../auth/second-factor-modal')).SecondFactorModal,
}));

/** Everything behind sign-in: redirects visitors, then the responsive shell around the page. */
export function AppLayout() {
  const { query, session, activeMembership } = useSession();
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorAlert error={query.error} onReload={() => void query.refetch()} />;
  if (!session) return <Navigate to="/sign-in" />;
  return <Shell displayName={session.user.displayName} role={activeMembership?.role ?? null} />;
}

function Shell({ displayName, role }: { displayName: string; role: string | null }) {
  const intl = useIntl();
  const [navOpen, nav] = useDisclosure(false);
  const [passwordOpen, passwordModal] = useDisclosure(false);
  const [secondFactorOpen, secondFactorModal] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const organization = useQuery(trpc.organization.current.queryOptions());
  const zoneReady = useTimeZoneReady(organization.data?.timeZone, organization.isPending);
  const isAdmin = role === 'admin' && can(role, 'member.read');

  const links = [
    {
      to: '/today',
      label: intl.formatMessage({ id: 'participants.nav.today' }),
      show: role !== null && can(role as Role, 'participant.write'),
    },
    { to: '/dashboard', label: intl.formatMessage({ id: 'shell.nav.dashboard' }), show: true },
    { to: '/grants', label: intl.formatMessage({ id: 'shell.nav.grants' }), show: true },
    { to: '/funders', label: intl.formatMessage({ id: 'shell.nav.funders' }), show: true },
    { to: '/activities', label: intl.formatMessage({ id: 'programme.nav.activities' }), show: true },
    { to: '/projects', label: intl.formatMessage({ id: 'programme.nav.projects' }), show: true },
    { to: '/partners', label: intl.formatMessage({ id: 'programme.nav.partners' }), show: true },
    { to: '/exchange-rates', label: intl.formatMessage({ id: 'shell.nav.exchangeRates' }), show: true },
    { to: '/members', label: intl.formatMessage({ id: 'shell.nav.members' }), show: isAdmin },
    { to: '/audit', label: intl.formatMessage({ id: 'shell.nav.audit' }), show: isAdmin },
    {
      to: '/participants',
      label: intl.formatMessage({ id: 'participants.nav.participants' }),
      show: role !== null && can(role as Role, 'participant.read'),
    },
    {
      to: '/settings/participants',
      label: intl.formatMessage({ id: 'participants.nav.settings' }),
      show: role !== null && can(role as Role, 'settings.write'),
    },
  ] as const;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding="md"
    >
      <a href="#main" className="skip-link" data-testid="skip-link">
        {intl.formatMessage({ id: 'shell.skipToContent' })}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={navOpen}
              onClick={nav.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={intl.formatMessage({ id: 'shell.toggleNavigation' })}
            />
            <Title order={1} size="h4" c="grape.8">
              {intl.formatMessage({ id: 'app.name' })}
            </Title>
            <Text size="sm" c="dimmed" truncate visibleFrom="xs" data-testid="org-name">
              {organization.data?.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageMenu variant="header" />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="subtle"
                  size="compact-sm"
                  aria-label={`${intl.formatMessage({ id: 'shell.userMenu' })}: ${displayName}`}
                  data-testid="user-menu"
                >
                  {/* On a phone the initials, so nothing is cut off at 360 px; the full name is the label. */}
                  <Avatar size={26} radius="xl" color="grape" hiddenFrom="sm" aria-hidden>
                    {initials(displayName)}
                  </Avatar>
                  <Text size="sm" truncate maw={200} visibleFrom="sm">
                    {displayName}
                  </Text>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{displayName}</Menu.Label>
                <Menu.Item onClick={passwordModal.open}>
                  {intl.formatMessage({ id: 'auth.changePassword.title' })}
                </Menu.Item>
                <Menu.Item onClick={secondFactorModal.open}>{intl.formatMessage({ id: 'security.menu' })}</Menu.Item>
                <SignOutItem />
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label={intl.formatMessage({ id: 'shell.mainNavigation' })}>
        <Stack gap="md">
          <OrganizationSwitcher />
          <div>
            {links
              .filter((link) => link.show)
              .map((link) => (
                <NavLink
                  key={link.to}
                  component={Link}
                  to={link.to}
                  label={link.label}
                  active={pathname.startsWith(link.to)}
                  onClick={nav.close}
                />
              ))}
          </div>
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>{zoneReady ? <Outlet /> : <Loading />}</Suspense>
      </AppShell.Main>
      <Suspense fallback={null}>
        {passwordOpen && <ChangePasswordModal opened onClose={passwordModal.close} />}
        {secondFactorOpen && <SecondFactorModal opened onClose={secondFactorModal.close} />}
      </Suspense>
    </AppShell>
  );
}

function SignOutItem() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: async () => {
        // Nothing from this user's session may linger in memory for the next person.
        queryClient.clear();
        await navigate({ to: '/sign-in' });
      },
    }),
  );
  return (
    <Menu.Item color="red" onClick={() => signOut.mutate()} data-testid="sign-out">
      {intl.formatMessage({ id: 'auth.signOut' })}
    </Menu.Item>
  );
}

/** Shown only to people in two or more organisations. Switching drops every cached answer. */
function OrganizationSwitcher() {
  const intl = useIntl();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { session } = useSession();
  const switchOrganization = useMutation(
    trpc.auth.switchOrganization.mutationOptions({
      onSuccess: async (_result, variables) => {
        await queryClient.resetQueries();
        const name = session?.memberships.find((m) => m.orgId === variables.orgId)?.orgName ?? '';
        notifications.show({ message: intl.formatMessage({ id: 'shell.switched' }, { name }) });
        await navigate({ to: '/funders' });
      },
    }),
  );
  const memberships = session?.memberships ?? [];
  const active = memberships.find((m) => m.orgId === session?.activeOrgId);

  if (memberships.length < 2) {
    return (
      <div>
        <Text size="xs" c="dimmed">
          {intl.formatMessage({ id: 'shell.organization' })}
        </Text>
        <Text size="sm" fw={600}>
          {active?.orgName}
        </Text>
        {active && (
          <Text size="xs" c="dimmed">
            {intl.formatMessage({ id: `role.${active.role}` })}
          </Text>
        )}
      </div>
    );
  }
  return (
    <Stack gap={4}>
      <Select
        label={intl.formatMessage({ id: 'shell.switchOrganization' })}
        data-testid="org-switcher"
        allowDeselect={false}
        value={session?.activeOrgId ?? null}
        data={memberships.map((m) => ({ value: m.orgId, label: m.orgName }))}
        onChange={(orgId) => {
          if (orgId && orgId !== session?.activeOrgId) switchOrganization.mutate({ orgId });
        }}
        disabled={switchOrganization.isPending}
        comboboxProps={{ withinPortal: true }}
      />
      {active && (
        <Text size="xs" c="dimmed">
          {intl.formatMessage({ id: `role.${active.role}` })}
        </Text>
      )}
      {switchOrganization.error && <ErrorAlert error={switchOrganization.error} />}
    </Stack>
  );
}

/** "Marija Stojanova" → "MS": the account button on a phone. */
function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toUpperCase())
    .join('');
}
