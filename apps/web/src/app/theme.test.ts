import { DEFAULT_THEME, type MantineColorsTuple } from '@mantine/core';
import { getContrast, mix } from 'color2k';
import { describe, expect, it } from 'vitest';
import { colors, lightColors, primaryShade, theme } from './theme';

// WCAG 2.2 AA: 4.5:1 for text (1.4.3), 3:1 for the parts of controls (1.4.11).
const text = 4.5;
const component = 3;

const white = DEFAULT_THEME.white;
const gray0 = DEFAULT_THEME.colors.gray[0];
const palette = (name: string): MantineColorsTuple => {
  const tuple = colors[name] ?? DEFAULT_THEME.colors[name];
  if (!tuple) throw new Error(`No colour ${name}`);
  return tuple;
};
const shadeOf = (name: string, shade: number): string => {
  const colour = palette(name)[shade];
  if (!colour) throw new Error(`No shade ${shade} of ${name}`);
  return colour;
};
/** Every colour the app names in `color=` or `c=` props (grep apps/web/src for them when adding one). */
const used = [
  'grape',
  'red',
  'green',
  'yellow',
  'orange',
  'blue',
  'teal',
  'cyan',
  'gray',
  'violet',
  'indigo',
  'pink',
  'lime',
];

describe('theme colours meet WCAG AA on the light theme', () => {
  it('uses the checked shade for filled, light and text variants', () => {
    expect(theme.primaryShade).toEqual({ light: primaryShade, dark: 8 });
    expect(theme.primaryColor).toBe('grape');
  });

  for (const name of used) {
    const shade = shadeOf(name, primaryShade);
    const hover = shadeOf(name, primaryShade === 9 ? 8 : primaryShade + 1);
    it(`${name}: white text on a filled button (and its hover) reaches ${text}:1`, () => {
      expect(getContrast(white, shade)).toBeGreaterThanOrEqual(text);
      expect(getContrast(white, hover)).toBeGreaterThanOrEqual(text);
    });
    it(`${name}: coloured text on white, gray.0 and its own light badge tint reaches ${text}:1`, () => {
      expect(getContrast(shade, white)).toBeGreaterThanOrEqual(text);
      expect(getContrast(shade, gray0)).toBeGreaterThanOrEqual(text);
      // Light variants paint the shade at 10% over white (Mantine's get-css-color-variables).
      expect(getContrast(shade, mix(white, shade, 0.1))).toBeGreaterThanOrEqual(text);
    });
  }

  it(`the brand purple as link and focus ring colour reaches ${text}:1 on white`, () => {
    expect(getContrast(shadeOf('grape', primaryShade), white)).toBeGreaterThanOrEqual(text);
  });

  it(`secondary (dimmed) text, placeholders and errors reach ${text}:1 on white and gray.0`, () => {
    for (const colour of Object.values(lightColors)) {
      expect(getContrast(colour, white)).toBeGreaterThanOrEqual(text);
      expect(getContrast(colour, gray0)).toBeGreaterThanOrEqual(text);
    }
  });

  it(`field and check box edges (gray.6, app/accessibility.css) reach ${component}:1 on white`, () => {
    expect(getContrast(DEFAULT_THEME.colors.gray[6], white)).toBeGreaterThanOrEqual(component);
  });

  it('fails a palette that would not pass (the check can fail)', () => {
    // Mantine's own green.6 and dimmed gray.6: the colours testers measured at 2.4:1 and 3.3:1.
    expect(getContrast(white, DEFAULT_THEME.colors.green[6])).toBeLessThan(text);
    expect(getContrast(DEFAULT_THEME.colors.gray[6], white)).toBeLessThan(text);
  });
});
