/**
 * Links that start the user's default server on a given image, then pull and
 * open the content: `{hub}/hub/spawn?{image options}&next={git-pull path}`.
 *
 * JupyterHub passes the query arguments of `/hub/spawn` (except `next`) to the
 * spawner as user options; from JupyterHub 6 only the ones prefixed `opt-`.
 * A server that is already running is not restarted: the hub goes straight
 * to `next`.
 */
import { checkServiceAddress } from './checks';
import { checkContent, IContent, userRedirect } from './nbgitpuller';
import { LinkResult, Problems } from './result';
import { noTranslation, Translate } from '../translate';

/**
 * The image to start, and how this hub's spawner takes it.
 */
export interface IImageEnvironment {
  /** The image name, e.g. `quay.io/org/course:2024`. */
  image: string;
  /**
   * The spawner's options in query form with an `{image}` placeholder, set by
   * the hub's admin: `image={image}` (DockerSpawner) or
   * `profile=x&profile-option-x--image--unlisted-choice={image}` (KubeSpawner).
   */
  optionsTemplate: string;
  /** The hub's JupyterHub version (`GET {hub}/hub/api/` tells it). */
  hubVersion: string;
}

const PLACEHOLDER = '{image}';

/**
 * The spawn query arguments for an image, in the template's order.
 */
export function imageOptions(
  environment: IImageEnvironment,
  trans: Translate = noTranslation
): LinkResult<[string, string][]> {
  const problems = new Problems(trans);
  const options = checkImageOptions(environment, problems);
  return problems.result(() => options!);
}

/**
 * A link that starts the default server on the image, then opens the content.
 */
export function spawnLink(
  hubUrl: string,
  content: IContent,
  environment: IImageEnvironment,
  trans: Translate = noTranslation
): LinkResult<string> {
  const problems = new Problems(trans);
  const base = checkServiceAddress(hubUrl, 'hubUrl', problems);
  const options = checkImageOptions(environment, problems);
  const pull = checkContent(content, problems);
  return problems.result(() => {
    const query = new URLSearchParams(options!);
    // `next` must be a path on the hub's own host, or the hub ignores it.
    query.append('next', new URL(base!).pathname + userRedirect(pull!));
    return `${base}hub/spawn?${query}`;
  });
}

function checkImageOptions(
  environment: IImageEnvironment,
  problems: Problems
): [string, string][] | undefined {
  const image = environment.image.trim();
  if (!image) {
    problems.add(
      'image',
      'Enter the image to start, for example quay.io/org/course:2024.'
    );
  } else if (/\s/.test(image)) {
    problems.add('image', 'The image name must not contain spaces.');
  }

  const major = /^\s*(\d+)(\.|\s*$)/.exec(environment.hubVersion)?.[1];
  if (major === undefined) {
    problems.add(
      'hubVersion',
      '“%1” is not a JupyterHub version such as 5.3.0 or 6.1.1.',
      environment.hubVersion
    );
  }

  const template = [...new URLSearchParams(environment.optionsTemplate.trim())];
  if (!template.some(([, value]) => value.includes(PLACEHOLDER))) {
    problems.add(
      'imageOptions',
      'The image options need an {image} placeholder, for example image={image}.'
    );
  }
  for (const [key] of template) {
    if (key.startsWith('opt-')) {
      problems.add(
        'imageOptions',
        'Write the option “%1” without “opt-”: it is added for JupyterHub 6 and later.',
        key
      );
    } else if (key === 'next') {
      problems.add(
        'imageOptions',
        '“next” cannot be an image option: JupyterHub uses it for the page to open.'
      );
    } else if (!key) {
      problems.add('imageOptions', 'Every image option needs a name.');
    }
  }

  if (problems.hasErrors) {
    return undefined;
  }
  const prefix = Number(major) >= 6 ? 'opt-' : '';
  return template.map(([key, value]) => [
    prefix + key,
    value.split(PLACEHOLDER).join(image)
  ]);
}
