/** The URL holds everything a page shows: /user/NAME/PAGE?range=…&by=…, so links can be shared. */
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, Navigate, createBrowserRouter, useLocation } from 'react-router';
import { SignInPage } from '../features/auth/components/SignInPage';
import { ErrorNotice, Loading } from '../components/Notice';
import { tokenFromUrl } from '../api/token';
import { useAuth } from './auth';
import { Layout } from './Layout';

/**
 * Each page is its own chunk, fetched when first opened: the first page a visitor opens does not
 * wait for the code (or the chart library) of the others.
 */
const ChartsPage = lazy(() =>
  import('../features/charts/components/ChartsPage').then((m) => ({ default: m.ChartsPage })),
);
const ListensPage = lazy(() =>
  import('../features/listens/components/ListensPage').then((m) => ({ default: m.ListensPage })),
);
const ComparePage = lazy(() =>
  import('../features/compare/components/ComparePage').then((m) => ({ default: m.ComparePage })),
);
const EntityPage = lazy(() =>
  import('../features/entity/components/EntityPage').then((m) => ({ default: m.EntityPage })),
);
const CollectionPage = lazy(() =>
  import('../features/collection/components/CollectionPage').then((m) => ({ default: m.CollectionPage })),
);
const ImportPage = lazy(() =>
  import('../features/import/components/ImportPage').then((m) => ({ default: m.ImportPage })),
);
const OverviewPage = lazy(() =>
  import('../features/overview/components/OverviewPage').then((m) => ({ default: m.OverviewPage })),
);
const PatternsPage = lazy(() =>
  import('../features/patterns/components/PatternsPage').then((m) => ({ default: m.PatternsPage })),
);
const YearInReviewPage = lazy(() =>
  import('../features/review/components/YearInReviewPage').then((m) => ({ default: m.YearInReviewPage })),
);
const AdminPage = lazy(() =>
  import('../features/admin/components/AdminPage').then((m) => ({ default: m.AdminPage })),
);
const SettingsPage = lazy(() =>
  import('../features/settings/components/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);

function page(element: ReactNode) {
  return <Suspense fallback={<Loading what="the page" />}>{element}</Suspense>;
}

/** `/`: the signed-in user's overview, else the sign-in page (a `#token=` link included). */
function Home() {
  const { token, me, meError, checking } = useAuth();
  const { hash, search } = useLocation();
  if (tokenFromUrl(location.href)) return <Navigate to={`/sign-in${search}${hash}`} replace />;
  if (!token) return <Navigate to="/sign-in" replace />;
  if (checking) return <Loading what="your profile" />;
  if (meError || !me)
    return (
      <main className="page">
        <ErrorNotice error={meError} what="your profile" />
      </main>
    );
  return <Navigate to={`/user/${encodeURIComponent(me.name)}${search}`} replace />;
}

function NotFound() {
  return (
    <main className="page">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Go to your overview</Link>
      </p>
    </main>
  );
}

export const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  { path: '/sign-in', element: <SignInPage /> },
  {
    path: '/user/:user',
    element: <Layout />,
    children: [
      { index: true, element: page(<OverviewPage />) },
      { path: 'charts', element: page(<ChartsPage />) },
      { path: 'patterns', element: page(<PatternsPage />) },
      { path: 'listens', element: page(<ListensPage />) },
      { path: 'review', element: page(<YearInReviewPage />) },
      { path: 'year/:year', element: page(<YearInReviewPage />) },
      { path: 'compare', element: page(<ComparePage />) },
      { path: 'artist/:id', element: page(<EntityPage kind="artist" />) },
      { path: 'release/:id', element: page(<EntityPage kind="release" />) },
      { path: 'track/:id', element: page(<EntityPage kind="recording" />) },
      { path: 'collection', element: page(<CollectionPage />) },
      { path: 'import', element: page(<ImportPage />) },
    ],
  },
  {
    element: <Layout />,
    children: [
      { path: '/admin', element: page(<AdminPage />) },
      { path: '/settings', element: page(<SettingsPage />) },
    ],
  },
  { path: '*', element: <NotFound /> },
]);
