import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  type MantineColorsTuple,
  TableScrollContainer,
} from '@mantine/core';

/**
 * Mantine's palettes with shades 8 and 9 darkened where they miss WCAG AA: every colour the app
 * uses for text, filled buttons and badges reaches 4.5:1 on white, on the 10% tint behind light
 * badges and on gray.0 (theme.test.ts checks each pair; docs/accessibility.md).
 */
const darker: Record<string, readonly [string, string]> = {
  red: ['#d11f1f', '#c92a2a'],
  green: ['#247a34', '#267836'],
  teal: ['#097756', '#087856'],
  lime: ['#477709', '#49760a'],
  yellow: ['#9e5c00', '#a35400'],
  orange: ['#b8470a', '#ba3e0d'],
  cyan: ['#0a768a', '#0b7285'],
};

function withDarkerShades(name: string, [shade8, shade9]: readonly [string, string]): MantineColorsTuple {
  const base = DEFAULT_THEME.colors[name];
  if (!base) throw new Error(`No Mantine colour ${name}`);
  return [base[0], base[1], base[2], base[3], base[4], base[5], base[6], base[7], shade8, shade9];
}

export const colors: Record<string, MantineColorsTuple> = Object.fromEntries(
  Object.entries(darker).map(([name, shades]) => [name, withDarkerShades(name, shades)]),
);

/** The shade used for filled buttons, light badges and coloured text (`c="red"`). */
export const primaryShade = 9;

export const theme = createTheme({
  primaryColor: 'grape',
  primaryShade: { light: primaryShade, dark: 8 },
  colors,
  // Filled yellow and lime buttons keep white text: their shade 9 above is dark enough.
  autoContrast: false,
  // People who ask their system for less motion get none (modals, menus, loaders).
  respectReducedMotion: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  defaultRadius: 'md',
  components: {
    // A table wider than the screen scrolls sideways: keyboard users must be able to reach and
    // scroll it (WCAG 2.1.1, axe scrollable-region-focusable). The ring: app/accessibility.css.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
  },
});

/** Secondary text, placeholders and error text on white and gray.0: Mantine's defaults are 3.3:1 and below. */
export const lightColors = {
  dimmed: DEFAULT_THEME.colors.gray[7],
  placeholder: '#62696f',
  error: DEFAULT_THEME.colors.red[9],
} as const;

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': lightColors.dimmed,
    '--mantine-color-placeholder': lightColors.placeholder,
    '--mantine-color-error': lightColors.error,
  },
  dark: {},
});
