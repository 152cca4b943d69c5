import { createRoute } from '@tanstack/react-router';
import { SignInPage } from '../features/auth/sign-in-page';
import { rootRoute } from './root';

export const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: SignInPage });
