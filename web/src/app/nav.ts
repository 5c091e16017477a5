import { canChange } from './access.js';

/**
 * The pages of a profile, in the navigation's order, each under /user/:user/. A new page (the
 * recommendations, data health and pipeline pages) is a feature folder plus one line here
 * and one route in routes.tsx; the navigation makes room for it on every screen size.
 */
export interface NavItem {
  /** Relative to /user/:user ('' is the overview). */
  path: string;
  label: string;
  /** Only for who may change the profile (its user or an admin): the page writes into it. */
  changes?: true;
  /** Only for an admin: the page shows what every user on the server did. */
  admin?: true;
}

export const NAV: readonly NavItem[] = [
  { path: '', label: 'Overview' },
  { path: 'charts', label: 'Charts' },
  { path: 'patterns', label: 'Patterns' },
  { path: 'listens', label: 'Listens' },
  { path: 'review', label: 'Year in review' },
  { path: 'compare', label: 'Compare' },
  { path: 'recommendations', label: 'Recommendations' },
  { path: 'collection', label: 'Collection' },
  { path: 'catalogue', label: 'Catalogue' },
  { path: 'health', label: 'Data health', changes: true },
  { path: 'pipeline', label: 'Pipeline', admin: true },
  { path: 'import', label: 'Import', changes: true },
];

/** The pages `me` (signed in or not) is offered on `user`'s profile. */
export function navFor(me: { name: string; role: string } | null, user: string): NavItem[] {
  return NAV.filter(
    (item) => (!item.changes || canChange(me, user)) && (!item.admin || me?.role === 'admin'),
  );
}
