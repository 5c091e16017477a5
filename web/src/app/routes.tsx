/** The URL holds everything a page shows: /user/NAME/PAGE?range=…&by=…, so links can be shared. */
import { Link, Navigate, createBrowserRouter, useLocation } from 'react-router';
import { ChartsPage } from '../features/charts/components/ChartsPage';
import { ListensPage } from '../features/listens/components/ListensPage';
import { ComparePage } from '../features/compare/components/ComparePage';
import { EntityPage } from '../features/entity/components/EntityPage';
import { CollectionPage } from '../features/collection/components/CollectionPage';
import { ImportPage } from '../features/import/components/ImportPage';
import { OverviewPage } from '../features/overview/components/OverviewPage';
import { PatternsPage } from '../features/patterns/components/PatternsPage';
import { SignInPage } from '../features/auth/components/SignInPage';
import { YearInReviewPage } from '../features/review/components/YearInReviewPage';
import { AdminPage } from '../features/admin/components/AdminPage';
import { SettingsPage } from '../features/settings/components/SettingsPage';
import { ErrorNotice, Loading } from '../components/Notice';
import { tokenFromUrl } from '../api/token';
import { useAuth } from './auth';
import { Layout } from './Layout';

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
      { index: true, element: <OverviewPage /> },
      { path: 'charts', element: <ChartsPage /> },
      { path: 'patterns', element: <PatternsPage /> },
      { path: 'listens', element: <ListensPage /> },
      { path: 'review', element: <YearInReviewPage /> },
      { path: 'year/:year', element: <YearInReviewPage /> },
      { path: 'compare', element: <ComparePage /> },
      { path: 'artist/:id', element: <EntityPage kind="artist" /> },
      { path: 'release/:id', element: <EntityPage kind="release" /> },
      { path: 'track/:id', element: <EntityPage kind="recording" /> },
      { path: 'collection', element: <CollectionPage /> },
      { path: 'import', element: <ImportPage /> },
    ],
  },
  {
    element: <Layout />,
    children: [
      { path: '/admin', element: <AdminPage /> },
      { path: '/settings', element: <SettingsPage /> },
    ],
  },
  { path: '*', element: <NotFound /> },
]);
