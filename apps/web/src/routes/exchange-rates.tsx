import { createRoute } from '@tanstack/react-router';
import { ExchangeRatesPage } from '../features/rates/exchange-rates-page';
import { appRoute } from './app';

export const exchangeRatesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/exchange-rates',
  component: ExchangeRatesPage,
});
