/**
 * The pages of a profile, in the navigation's order, each under /user/:user/. A new page (the
 * recommendations, data health and pipeline pages to come) is a feature folder plus one line here
 * and one route in routes.tsx; the navigation makes room for it on every screen size.
 */
export interface NavItem {
  /** Relative to /user/:user ('' is the overview). */
  path: string;
  label: string;
}

export const NAV: readonly NavItem[] = [
  { path: '', label: 'Overview' },
  { path: 'charts', label: 'Charts' },
  { path: 'patterns', label: 'Patterns' },
  { path: 'listens', label: 'Listens' },
  { path: 'review', label: 'Year in review' },
  { path: 'compare', label: 'Compare' },
  { path: 'collection', label: 'Collection' },
  { path: 'import', label: 'Import' },
];
