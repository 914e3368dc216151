import { createTheme, type MantineColorsTuple, type MantineThemeOverride } from '@mantine/core';

/** Party red: shade 7 (#b71c1c) carries white text at 6.6:1, shade 8 at 8:1. */
const partyRed: MantineColorsTuple = [
  '#fdecec',
  '#f8d4d4',
  '#eea5a5',
  '#e37474',
  '#d94a4a',
  '#cf2e2e',
  '#c62424',
  '#b71c1c',
  '#9c1616',
  '#7f1010',
];

/** High contrast: yellow actions on black (14:1); the dark palette is pure black and white. */
const signalYellow: MantineColorsTuple = [
  '#fffbe0',
  '#fff5b3',
  '#ffee80',
  '#ffe54d',
  '#ffdc1a',
  '#ffd400',
  '#ffd400',
  '#ffd400',
  '#e6bf00',
  '#ccaa00',
];
const pureDark: MantineColorsTuple = [
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#2b2b2b',
  '#000000',
  '#000000',
  '#000000',
  '#000000',
];

const whiteOnly: MantineColorsTuple = [
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#ffffff',
  '#ffffff',
];

const FONT = '"Be Vietnam Pro", system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/** Every control at least 44 px high (48–52 px at the default size): elderly fingers, bright sun. */
// Plain objects, not Component.extend(): importing every component here would put them all in the first load.
const components: MantineThemeOverride['components'] = {
  Button: { defaultProps: { size: 'lg', radius: 'md' } },
  ActionIcon: { defaultProps: { size: 48 } },
  // every field on a screen is needed, so no asterisks: the messages say what is missing
  TextInput: { defaultProps: { size: 'lg', withAsterisk: false } },
  PasswordInput: { defaultProps: { size: 'lg', withAsterisk: false } },
  Textarea: { defaultProps: { size: 'lg', autosize: true, minRows: 2 } },
  Select: {
    defaultProps: { size: 'lg', allowDeselect: false, withAsterisk: false, comboboxProps: { shadow: 'md' } },
  },
  FileInput: { defaultProps: { size: 'lg', withAsterisk: false } },
  NativeSelect: { defaultProps: { size: 'lg' } },
  SegmentedControl: { defaultProps: { size: 'lg', fullWidth: true } },
  Switch: { defaultProps: { size: 'xl' } },
  Checkbox: { defaultProps: { size: 'lg' } },
  Alert: { defaultProps: { radius: 'md' } },
  // links always look like links (not only on hover, which phones do not have)
  Anchor: { defaultProps: { underline: 'always' } },
};

const base: MantineThemeOverride = {
  fontFamily: FONT,
  headings: {
    fontFamily: FONT,
    fontWeight: '700',
    sizes: {
      h1: { fontSize: '1.75rem', lineHeight: '1.3' },
      h2: { fontSize: '1.375rem', lineHeight: '1.35' },
      h3: { fontSize: '1.2rem', lineHeight: '1.4' },
    },
  },
  fontSizes: { xs: '0.9375rem', sm: '1rem', md: '1.125rem', lg: '1.25rem', xl: '1.5rem' },
  lineHeights: { md: '1.6' },
  defaultRadius: 'md',
  focusRing: 'never',
  cursorType: 'pointer',
  components,
};

export const normalTheme = createTheme({
  ...base,
  primaryColor: 'partyRed',
  primaryShade: 7,
  // errors and warnings in the same dark red (Mantine's own red is too light for text on white)
  colors: { partyRed, red: partyRed },
});

export const highContrastTheme = createTheme({
  ...base,
  primaryColor: 'signalYellow',
  primaryShade: { light: 7, dark: 7 },
  autoContrast: true,
  luminanceThreshold: 0.4,
  colors: { signalYellow, dark: pureDark, red: signalYellow, gray: whiteOnly },
});
