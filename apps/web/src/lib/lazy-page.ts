import { type ComponentType, lazy } from 'react';

/**
 * A page loaded when first opened (its own chunk), for the routes: the first load carries only
 * the shell and the sign-in page. The layout's Suspense shows the loading screen meanwhile.
 */
// biome-ignore lint/suspicious/noExplicitAny: a page may take any props.
export function lazyPage<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): M[K] {
  return lazy(async () => ({ default: (await load())[name] as ComponentType<unknown> })) as unknown as M[K];
}
