import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'grape',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'md',
});
