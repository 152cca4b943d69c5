import { Center, Loader, Stack, Text } from '@mantine/core';

/**
 * What shows while the app's first language loads: the same as the page's own loading screen
 * (index.html), so nothing jumps. No words: the language is what is loading.
 */
export function StartScreen() {
  return (
    <Center h="100vh" data-testid="start-screen">
      <Stack align="center" gap="sm">
        <Text fw={700} size="xl" c="grape.8">
          Tessera
        </Text>
        <Loader aria-hidden />
      </Stack>
    </Center>
  );
}
