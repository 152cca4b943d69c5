import { createRoute } from '@tanstack/react-router';
import { useCallback } from 'react';
import {
  type ActivitiesSearch,
  type ActivityTab,
  activitiesSearchSchema,
  activityPageSearchSchema,
  newActivitySearchSchema,
  type ProjectTab,
  projectPageSearchSchema,
} from '../features/programme/programme-search';
import { appRoute } from './app';
import { lazyPage } from '../lib/lazy-page';

const ActivitiesPage = lazyPage(() => import('../features/programme/activities-page'), 'ActivitiesPage');
const ActivityPage = lazyPage(() => import('../features/programme/activity-page'), 'ActivityPage');
const NewActivityPage = lazyPage(() => import('../features/programme/new-activity-page'), 'NewActivityPage');
const NewProjectPage = lazyPage(() => import('../features/programme/new-project-page'), 'NewProjectPage');
const PartnersPage = lazyPage(() => import('../features/programme/partners-page'), 'PartnersPage');
const ProjectPage = lazyPage(() => import('../features/programme/project-page'), 'ProjectPage');
const ProjectsPage = lazyPage(() => import('../features/programme/projects-page'), 'ProjectsPage');

export const partnersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partners',
  component: PartnersPage,
});

export const projectsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects',
  component: ProjectsPage,
});

export const newProjectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects/new',
  component: NewProjectPage,
});

export const projectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects/$projectId',
  validateSearch: (search: Record<string, unknown>) => projectPageSearchSchema.parse(search),
  component: function ProjectRoute() {
    const { projectId } = projectRoute.useParams();
    const { tab } = projectRoute.useSearch();
    const navigate = projectRoute.useNavigate();
    const onTabChange = useCallback(
      (next: ProjectTab) => void navigate({ search: { tab: next === 'overview' ? undefined : next }, replace: true }),
      [navigate],
    );
    return <ProjectPage key={projectId} projectId={projectId} tab={tab ?? 'overview'} onTabChange={onTabChange} />;
  },
});

export const activitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities',
  validateSearch: (search: Record<string, unknown>) => activitiesSearchSchema.parse(search),
  component: function ActivitiesRoute() {
    const search = activitiesRoute.useSearch();
    const navigate = activitiesRoute.useNavigate();
    const onSearchChange = useCallback(
      (changes: Partial<ActivitiesSearch>) =>
        void navigate({ search: (previous) => ({ ...previous, ...changes }), replace: true }),
      [navigate],
    );
    return <ActivitiesPage search={search} onSearchChange={onSearchChange} />;
  },
});

export const newActivityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities/new',
  validateSearch: (search: Record<string, unknown>) => newActivitySearchSchema.parse(search),
  component: function NewActivityRoute() {
    const { project } = newActivityRoute.useSearch();
    return <NewActivityPage key={project ?? ''} projectId={project} />;
  },
});

export const activityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/activities/$activityId',
  validateSearch: (search: Record<string, unknown>) => activityPageSearchSchema.parse(search),
  component: function ActivityRoute() {
    const { activityId } = activityRoute.useParams();
    const { tab, page } = activityRoute.useSearch();
    const navigate = activityRoute.useNavigate();
    const onTabChange = useCallback(
      (next: ActivityTab) => void navigate({ search: { tab: next === 'overview' ? undefined : next }, replace: true }),
      [navigate],
    );
    const onSessionsPageChange = useCallback(
      (next: number) =>
        void navigate({ search: (previous) => ({ ...previous, page: next === 1 ? undefined : next }), replace: true }),
      [navigate],
    );
    return (
      <ActivityPage
        key={activityId}
        activityId={activityId}
        tab={tab ?? 'overview'}
        sessionsPage={page ?? 1}
        onTabChange={onTabChange}
        onSessionsPageChange={onSessionsPageChange}
      />
    );
  },
});
