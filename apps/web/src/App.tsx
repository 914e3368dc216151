import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { queryClient } from './api/query-client.ts';
import { router } from './router.tsx';
import { useSettings } from './settings/settings.ts';
import { highContrastTheme, normalTheme } from './theme/theme.ts';

export function App() {
  const { highContrast } = useSettings();
  return (
    <MantineProvider
      theme={highContrast ? highContrastTheme : normalTheme}
      forceColorScheme={highContrast ? 'dark' : 'light'}
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
