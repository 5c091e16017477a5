/** The URL holds everything a page shows: /user/NAME/PAGE?range=…&by=…, so links can be shared. */
import { lazy, Suspense, type ReactNode } from 'react';
import {
  Link,
  Navigate,
  createBrowserRouter,
  useLocation,
  type LoaderFunctionArgs,
  type Params,
} from 'react-router';
import { SignInPage } from '../features/auth/components/SignInPage';
import { ErrorNotice, Loading } from '../components/Notice';
import { storedToken, tokenFromUrl } from '../api/token';
import { prefetchCharts } from '../features/charts/api/queries';
import { prefetchOverview } from '../features/overview/api/queries';
import { prefetchPatterns } from '../features/patterns/api/queries';
import { prefetchRecommendations } from '../features/recommendations/api/queries';
import { prefetchYearInReview } from '../features/review/api/queries';
import type { PageRequest } from './query-client';
import { useAuth } from './auth';
import { Layout } from './Layout';

/**
 * Each page is its own chunk, fetched when first opened: the first page a visitor opens does not
 * wait for the code (or the chart library) of the others. A page's route loader starts both its
 * chunk and its requests (the feature's prefetch) the moment the URL is known, so the data is on
 * its way while the code downloads; the loader waits for neither.
 */
const load = {
  charts: () => import('../features/charts/components/ChartsPage'),
  listens: () => import('../features/listens/components/ListensPage'),
  compare: () => import('../features/compare/components/ComparePage'),
  entity: () => import('../features/entity/components/EntityPage'),
  collection: () => import('../features/collection/components/CollectionPage'),
  catalogue: () => import('../features/catalog/components/CataloguePage'),
  health: () => import('../features/health/components/HealthPage'),
  pipeline: () => import('../features/pipeline/components/PipelinePage'),
  import: () => import('../features/import/components/ImportPage'),
  overview: () => import('../features/overview/components/OverviewPage'),
  patterns: () => import('../features/patterns/components/PatternsPage'),
  review: () => import('../features/review/components/YearInReviewPage'),
  admin: () => import('../features/admin/components/AdminPage'),
  settings: () => import('../features/settings/components/SettingsPage'),
  connections: () => import('../features/connections/components/ConnectionsPage'),
  recommendations: () => import('../features/recommendations/components/RecommendationsPage'),
};
const ChartsPage = lazy(() => load.charts().then((m) => ({ default: m.ChartsPage })));
const ListensPage = lazy(() => load.listens().then((m) => ({ default: m.ListensPage })));
const ComparePage = lazy(() => load.compare().then((m) => ({ default: m.ComparePage })));
const EntityPage = lazy(() => load.entity().then((m) => ({ default: m.EntityPage })));
const CollectionPage = lazy(() => load.collection().then((m) => ({ default: m.CollectionPage })));
const CataloguePage = lazy(() => load.catalogue().then((m) => ({ default: m.CataloguePage })));
const HealthPage = lazy(() => load.health().then((m) => ({ default: m.HealthPage })));
const PipelinePage = lazy(() => load.pipeline().then((m) => ({ default: m.PipelinePage })));
const ImportPage = lazy(() => load.import().then((m) => ({ default: m.ImportPage })));
const OverviewPage = lazy(() => load.overview().then((m) => ({ default: m.OverviewPage })));
const PatternsPage = lazy(() => load.patterns().then((m) => ({ default: m.PatternsPage })));
const YearInReviewPage = lazy(() => load.review().then((m) => ({ default: m.YearInReviewPage })));
const AdminPage = lazy(() => load.admin().then((m) => ({ default: m.AdminPage })));
const SettingsPage = lazy(() => load.settings().then((m) => ({ default: m.SettingsPage })));
const ConnectionsPage = lazy(() => load.connections().then((m) => ({ default: m.ConnectionsPage })));
const RecommendationsPage = lazy(() =>
  load.recommendations().then((m) => ({ default: m.RecommendationsPage })),
);

/**
 * A route loader that starts the page's chunk and, where the page has one, its prefetch; it returns
 * at once (navigation never waits on data: the page shows its own loading and error states).
 */
function starts(chunk: () => Promise<unknown>, prefetch?: (request: PageRequest, params: Params) => void) {
  return ({ params, request }: LoaderFunctionArgs) => {
    void chunk().catch(() => undefined); // a failed chunk is the lazy page's error to show
    if (prefetch && params.user !== undefined)
      prefetch(
        { user: params.user, search: new URL(request.url).searchParams, token: storedToken() },
        params,
      );
    return null;
  };
}

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
      { index: true, loader: starts(load.overview, prefetchOverview), element: page(<OverviewPage />) },
      { path: 'charts', loader: starts(load.charts, prefetchCharts), element: page(<ChartsPage />) },
      { path: 'patterns', loader: starts(load.patterns, prefetchPatterns), element: page(<PatternsPage />) },
      { path: 'listens', loader: starts(load.listens), element: page(<ListensPage />) },
      {
        path: 'review',
        loader: starts(load.review, (request) => prefetchYearInReview(request)),
        element: page(<YearInReviewPage />),
      },
      {
        path: 'year/:year',
        loader: starts(load.review, (request, params) => prefetchYearInReview(request, params.year)),
        element: page(<YearInReviewPage />),
      },
      { path: 'compare', loader: starts(load.compare), element: page(<ComparePage />) },
      {
        path: 'recommendations',
        loader: starts(load.recommendations, prefetchRecommendations),
        element: page(<RecommendationsPage />),
      },
      { path: 'artist/:id', loader: starts(load.entity), element: page(<EntityPage kind="artist" />) },
      { path: 'release/:id', loader: starts(load.entity), element: page(<EntityPage kind="release" />) },
      { path: 'track/:id', loader: starts(load.entity), element: page(<EntityPage kind="recording" />) },
      { path: 'collection', loader: starts(load.collection), element: page(<CollectionPage />) },
      { path: 'catalogue', loader: starts(load.catalogue), element: page(<CataloguePage />) },
      { path: 'health', loader: starts(load.health), element: page(<HealthPage />) },
      { path: 'pipeline', loader: starts(load.pipeline), element: page(<PipelinePage />) },
      { path: 'import', loader: starts(load.import), element: page(<ImportPage />) },
    ],
  },
  {
    element: <Layout />,
    children: [
      { path: '/admin', loader: starts(load.admin), element: page(<AdminPage />) },
      { path: '/settings', loader: starts(load.settings), element: page(<SettingsPage />) },
      { path: '/settings/connections', loader: starts(load.connections), element: page(<ConnectionsPage />) },
    ],
  },
  { path: '*', element: <NotFound /> },
]);
