/**
 * Light and dark themes: the system's setting unless the switch chose one (kept in localStorage).
 * The resolved theme is `data-theme` on <html>, which the CSS variables and the charts follow.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'listenhouse.theme';
const DARK = '(prefers-color-scheme: dark)';

export function storedChoice(): ThemeChoice {
  try {
    const saved = localStorage.getItem(KEY);
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  return choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
}

/** Before the first render, so a dark page never flashes white. */
export function applyStoredTheme(): void {
  document.documentElement.dataset.theme = resolveTheme(storedChoice(), matchMedia(DARK).matches);
}

interface ThemeState {
  theme: Theme;
  choice: ThemeChoice;
  choose: (choice: ThemeChoice) => void;
}

const ThemeContext = createContext<ThemeState>({ theme: 'light', choice: 'system', choose: () => undefined });

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoice] = useState<ThemeChoice>(storedChoice);
  const [systemDark, setSystemDark] = useState(() => matchMedia(DARK).matches);
  useEffect(() => {
    const query = matchMedia(DARK);
    const changed = () => setSystemDark(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  const theme = resolveTheme(choice, systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const value = useMemo(
    () => ({
      theme,
      choice,
      choose: (next: ThemeChoice) => {
        if (next === 'system') localStorage.removeItem(KEY);
        else localStorage.setItem(KEY, next);
        setChoice(next);
      },
    }),
    [theme, choice],
  );
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeState {
  return useContext(ThemeContext);
}

/** The chart colours of a theme (ECharts draws on a canvas and cannot read CSS variables). */
export function chartColors(theme: Theme) {
  return theme === 'dark'
    ? {
        text: '#e5e7eb',
        muted: '#9ca3af',
        grid: '#374151',
        empty: '#1f2937',
        border: '#111827',
        scale: ['#1e3a5f', '#2563eb', '#60a5fa', '#bfdbfe'],
        series: [
          '#60a5fa',
          '#f472b6',
          '#34d399',
          '#fbbf24',
          '#a78bfa',
          '#f87171',
          '#22d3ee',
          '#a3e635',
          '#fb923c',
          '#e879f9',
        ],
      }
    : {
        text: '#111827',
        muted: '#4b5563',
        grid: '#e5e7eb',
        empty: '#f3f4f6',
        border: '#ffffff',
        scale: ['#dbeafe', '#93c5fd', '#3b82f6', '#1e3a8a'],
        series: [
          '#2563eb',
          '#db2777',
          '#059669',
          '#d97706',
          '#7c3aed',
          '#dc2626',
          '#0891b2',
          '#65a30d',
          '#ea580c',
          '#c026d3',
        ],
      };
}
