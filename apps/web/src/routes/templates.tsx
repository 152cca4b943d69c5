import { createRoute } from '@tanstack/react-router';
import { lazyPage } from '../lib/lazy-page';
import { appRoute } from './app';

const TemplatesPage = lazyPage(() => import('../features/templates/templates-page'), 'TemplatesPage');

export const templatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/templates',
  component: TemplatesPage,
});
