/**
 * Launch links for instructors: content pulled by nbgitpuller, opened in an
 * environment, as a URL and as badges.
 *
 * Pure functions without JupyterLab imports; error messages go through an
 * optional translation function with the signature of
 * `TranslationBundle.__`.
 */
import { binderBadgeImage, binderLink, IBinderEnvironment } from './binder';
import {
  badgeSnippets,
  IBadgeSnippets,
  JUPYTERHUB_BADGE_IMAGE
} from './badges';
import { IContent, nbgitpullerLink } from './nbgitpuller';
import { LinkResult, Problems } from './result';
import { IImageEnvironment, spawnLink } from './spawn';
import { noTranslation, Translate } from '../translate';

export { badgeSnippets, JUPYTERHUB_BADGE_IMAGE } from './badges';
export type { IBadge, IBadgeSnippets } from './badges';
export { binderBadgeImage, binderLink } from './binder';
export type { IBinderEnvironment } from './binder';
export { namedServerLink } from './namedServer';
export type { INamedServerEnvironment } from './namedServer';
export { gitPull, nbgitpullerLink } from './nbgitpuller';
export type { IContent, IGitPull, JupyterApp } from './nbgitpuller';
export type { ILinkError, LinkField, LinkResult } from './result';
export { imageOptions, spawnLink } from './spawn';
export type { IImageEnvironment } from './spawn';

/**
 * The environment the content opens in.
 */
export type LaunchEnvironment =
  /** The hub's default environment, on the user's default server. */
  | { kind: 'default' }
  /** A given image, on the user's default server. */
  | ({ kind: 'image' } & IImageEnvironment)
  /** An environment repository built by a BinderHub. */
  | ({ kind: 'repository' } & IBinderEnvironment);

/**
 * Everything a launch link is made of.
 */
export interface ILaunchLinkRequest {
  /** The hub's address; not needed for a BinderHub link. */
  hubUrl?: string;
  content: IContent;
  environment: LaunchEnvironment;
  /** The badge image; a default fits the kind of link. */
  badgeImageUrl?: string;
}

/**
 * A launch link and its badges.
 */
export interface ILaunchLink extends IBadgeSnippets {
  url: string;
}

/**
 * Build a launch link, or say everything that is wrong with the request.
 */
export function buildLaunchLink(
  request: ILaunchLinkRequest,
  trans: Translate = noTranslation
): LinkResult<ILaunchLink> {
  const { content, environment } = request;
  const hubUrl = request.hubUrl ?? '';
  let url: LinkResult<string>;
  let badge: { imageUrl: string; alt: string };
  switch (environment.kind) {
    case 'default':
      url = nbgitpullerLink(hubUrl, content, trans);
      badge = {
        imageUrl: JUPYTERHUB_BADGE_IMAGE,
        alt: trans('Launch on JupyterHub')
      };
      break;
    case 'image':
      url = spawnLink(hubUrl, content, environment, trans);
      badge = {
        imageUrl: JUPYTERHUB_BADGE_IMAGE,
        alt: trans('Launch on JupyterHub')
      };
      break;
    case 'repository':
      url = binderLink(content, environment, trans);
      badge = {
        imageUrl: binderBadgeImage(environment.binderUrl),
        alt: trans('Launch Binder')
      };
      break;
    default: {
      const problems = new Problems(trans);
      problems.add(
        'environment',
        'Unknown environment kind “%1”.',
        (environment as { kind: unknown }).kind
      );
      return problems.result(() => ({}) as ILaunchLink);
    }
  }
  if (!url.ok) {
    return url;
  }
  const snippets = badgeSnippets(url.value, {
    ...badge,
    imageUrl: request.badgeImageUrl?.trim() || badge.imageUrl
  });
  return { ok: true, value: { url: url.value, ...snippets } };
}
