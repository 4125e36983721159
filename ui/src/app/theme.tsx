// Light and dark: follow the system by default, or the user's choice from Settings. The choice is
// kept in localStorage and applied as `data-theme` on <html>, which the CSS custom properties key
// off. Charts read the resolved theme to pick their colours.

import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';
type ThemeValue = { preference: ThemePreference; resolved: 'light' | 'dark'; setPreference: (p: ThemePreference) => void };

const STORAGE_KEY = 'scrutineer.theme';
const ThemeContext = createContext<ThemeValue | null>(null);

function stored(): ThemePreference {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

function systemDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [preference, setPreferenceState] = useState<ThemePreference>(stored);
  const [dark, setDark] = useState(systemDark);

  useEffect(() => {
    const media = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!media) return;
    const change = () => setDark(media.matches);
    media.addEventListener('change', change);
    return () => media.removeEventListener('change', change);
  }, []);

  const resolved = preference === 'system' ? (dark ? 'dark' : 'light') : preference;
  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);

  const value = useMemo<ThemeValue>(
    () => ({
      preference,
      resolved,
      setPreference: (p) => {
        setPreferenceState(p);
        try {
          window.localStorage.setItem(STORAGE_KEY, p);
        } catch {
          // Private windows may refuse storage; the choice then lasts for this session only.
        }
      },
    }),
    [preference, resolved],
  );
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeValue {
  const value = useContext(ThemeContext);
  if (!value) throw new Error('useTheme() must be used inside <ThemeProvider>.');
  return value;
}
