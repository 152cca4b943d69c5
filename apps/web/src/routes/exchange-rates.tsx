import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app';
import { lazyPage } from '../lib/lazy-page';

const ExchangeRatesPage = lazyPage(() => import('../features/rates/exchange-rates-page'), 'ExchangeRatesPage');

export const exchangeRatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/exchange-rates',
  component: ExchangeRatesPage,
});
