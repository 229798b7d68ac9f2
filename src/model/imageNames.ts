/**
 * Image names in words: BinderHub's names embed the escaped repository URL (160 characters
 * and more), so views show a readable name and keep the full one for a tooltip and a copy.
 */
import { IBuildSummary } from '../api/types';
import { Translate } from '../translate';

/** The last part of an image name, shortened in the middle beyond `max` characters. */
export function shortImage(image: string, max = 40): string {
  const name = image.split('/').pop() || image;
  if (name.length <= max) {
    return name;
  }
  const half = Math.floor((max - 1) / 2);
  return `${name.slice(0, half)}…${name.slice(-half)}`;
}

/**
 * An image in words: "environment/ · snapshot d099dfd" when a build here made it from the
 * folder, else the last part of its name (the full name goes in a tooltip and a copy button).
 */
export function imageWords(
  image: string,
  builds: readonly IBuildSummary[],
  folder: string,
  __: Translate
): string {
  const build = builds.find(b => b.imageName === image && b.snapshot);
  return build
    ? __('%1/ · snapshot %2', folder, (build.ref ?? '').slice(0, 7))
    : shortImage(image);
}

/**
 * The panel's one way of naming images: `imageWords` with the history and folder as they
 * are at each call, since the history arrives after start and the folder follows the settings.
 */
export function imageLabeller(
  history: { readonly builds: readonly IBuildSummary[] },
  folder: { readonly path: string },
  __: Translate
): (image: string) => string {
  return image => imageWords(image, history.builds, folder.path, __);
}
