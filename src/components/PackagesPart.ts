import { lazyPart } from './LazyPart';

/** The package lists (with their comparison) load when first asked for, not with the panel. */
export const LazyPackagesView = lazyPart(
  () => import('./PackagesView').then(module => module.PackagesView),
  trans => trans.__('The package list')
);
