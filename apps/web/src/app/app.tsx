import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { type AnyRouter, RouterProvider } from '@tanstack/react-router';
import { createContext, lazy, Suspense, useCallback, useContext, useEffect, useState } from 'react';
import { queryClient } from '../lib/trpc';
import { LocaleProvider } from './locale';
import { createSignInRouter, startsOnSignIn } from './sign-in-router';
import { StartScreen } from './start-screen';
import { cssVariablesResolver, theme } from './theme';

// Only the signed-in app shows notifications; the sign-in page does not download them.
const Notifications = lazy(async () => ({ default: (await import('@mantine/notifications')).Notifications }));

let appRouter: Promise<AnyRouter> | null = null;
/** The whole app's router and route tree, a chunk of its own (see sign-in-router.tsx). */
export function loadAppRouter(): Promise<AnyRouter> {
  appRouter ??= import('./router').then((module) => module.router);
  return appRouter;
}

const OpenAppContext = createContext<() => void>(() => undefined);

/** What the sign-in router shows at any other address: the start screen while the app loads. */
function OpenApp() {
  const open = useContext(OpenAppContext);
  useEffect(() => open(), [open]);
  return <StartScreen />;
}

function Routes() {
  const [signInRouter] = useState(() => (startsOnSignIn() ? createSignInRouter(OpenApp) : null));
  const [router, setRouter] = useState<AnyRouter | null>(null);
  const open = useCallback(() => {
    void loadAppRouter().then(setRouter);
  }, []);
  useEffect(() => {
    if (!signInRouter) open();
  }, [signInRouter, open]);

  if (router) {
    return (
      <>
        <Suspense fallback={null}>
          <Notifications position="top-center" />
        </Suspense>
        <RouterProvider router={router} />
      </>
    );
  }
  if (!signInRouter) return <StartScreen />;
  return (
    <OpenAppContext.Provider value={open}>
      <RouterProvider router={signInRouter} />
    </OpenAppContext.Provider>
  );
}

export function App() {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <LocaleProvider>
          <Routes />
        </LocaleProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
