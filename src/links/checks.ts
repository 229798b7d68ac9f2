/**
 * Checks of the user's input, shared by the launch-link builders.
 *
 * Each check reports its problems to a `Problems` collector and returns the
 * cleaned-up value, or `undefined` when the value cannot be used.
 */
import { LinkField, Problems } from './result';

// Control characters, and halves of surrogate pairs that no URL can carry.
const UNUSABLE_CHARACTERS =
  /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const WHITESPACE = /\s/;
// `user@host:path`, the scp-like form git uses for SSH.
const SSH_ADDRESS = /^[^\s/:@]+@[^\s/:]+:/;

/**
 * A repository address as given, with the parts the builders need.
 */
export interface IRepositoryAddress {
  /** The address as the user wrote it (trimmed): passed on unchanged. */
  url: string;
  /** The host name, lower case. */
  host: string;
  /** The path segments as written (still percent-encoded), without empty ones. */
  segments: string[];
}

/**
 * Check a git repository address: http(s) only, nothing that would leak or
 * change where the clone goes.
 */
export function checkRepositoryAddress(
  value: string,
  field: LinkField,
  problems: Problems
): IRepositoryAddress | undefined {
  const url = value.trim();
  if (!url) {
    problems.add(
      field,
      "Enter the repository's address, for example https://github.com/org/course."
    );
    return undefined;
  }
  if (WHITESPACE.test(url) || UNUSABLE_CHARACTERS.test(url)) {
    problems.add(field, 'The repository address must not contain spaces.');
    return undefined;
  }
  if (SSH_ADDRESS.test(url)) {
    problems.add(
      field,
      "Use the repository's https:// address: the servers that open the link cannot use SSH addresses like “%1”.",
      url
    );
    return undefined;
  }
  const parsed = parseUrl(url);
  if (!parsed) {
    problems.add(field, '“%1” is not a valid web address.', url);
    return undefined;
  }
  if (parsed.protocol === 'file:') {
    problems.add(
      field,
      "“file://” addresses only exist on one computer; use the repository's https:// address."
    );
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    problems.add(
      field,
      "Use the repository's https:// address; “%1” addresses are not supported.",
      parsed.protocol.slice(0, -1)
    );
    return undefined;
  }
  if (url.includes('\\')) {
    problems.add(field, 'The repository address must not contain “\\”.');
    return undefined;
  }
  if (parsed.username || parsed.password) {
    problems.add(
      field,
      'The repository address must not contain a user name or password: everyone who gets the link could read it.'
    );
    return undefined;
  }
  if (url.includes('?') || url.includes('#')) {
    problems.add(field, 'The repository address must not contain “?” or “#”.');
    return undefined;
  }
  // The parsed URL resolves "." and "..", but git and nbgitpuller take the
  // address as written, so read the path from the text itself.
  const afterScheme = url.slice(url.indexOf('//') + 2);
  const slash = afterScheme.indexOf('/');
  const segments =
    slash < 0
      ? []
      : afterScheme
          .slice(slash)
          .split('/')
          .filter(segment => segment !== '');
  if (segments.some(segment => segment === '.' || segment === '..')) {
    problems.add(
      field,
      'The repository address must not contain “.” or “..” folders.'
    );
    return undefined;
  }
  if (segments.length === 0) {
    problems.add(
      field,
      'The address has no repository path; it should look like https://github.com/org/course.'
    );
    return undefined;
  }
  return { url, host: parsed.hostname.toLowerCase(), segments };
}

/**
 * Check the address of a hub or BinderHub; return its base URL ending in "/".
 *
 * The address of a page on the service (`…/hub/home`, `…/v2/gh/…`) is refused:
 * links built on it would point nowhere.
 */
export function checkServiceAddress(
  value: string,
  field: 'hubUrl' | 'binderUrl',
  problems: Problems
): string | undefined {
  const hub = field === 'hubUrl';
  const url = value.trim();
  if (!url) {
    if (hub) {
      problems.add(
        field,
        "Enter the hub's address, for example https://hub.example.org."
      );
    } else {
      problems.add(
        field,
        "Enter the BinderHub's address, for example https://mybinder.org."
      );
    }
    return undefined;
  }
  const parsed = WHITESPACE.test(url) ? null : parseUrl(url);
  if (
    !parsed ||
    (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') ||
    url.includes('\\')
  ) {
    problems.add(
      field,
      '“%1” is not a valid web address; it should start with https://.',
      url
    );
    return undefined;
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    problems.add(
      field,
      'Give only the address, without a user name, password, “?” or “#”.'
    );
    return undefined;
  }
  const segments = parsed.pathname.split('/');
  const pageMarkers = hub ? ['hub', 'user'] : ['v2'];
  if (segments.some(segment => pageMarkers.includes(segment))) {
    if (hub) {
      problems.add(
        field,
        "Give the hub's main address (for example https://hub.example.org), not the address of a page on it."
      );
    } else {
      problems.add(
        field,
        "Give the BinderHub's main address (for example https://mybinder.org), not a launch link."
      );
    }
    return undefined;
  }
  const path = parsed.pathname.endsWith('/')
    ? parsed.pathname
    : `${parsed.pathname}/`;
  return parsed.origin + path;
}

/**
 * Check a branch or tag name with git's rules (`git check-ref-format`).
 */
export function checkRefName(
  value: string,
  field: LinkField,
  problems: Problems
): string | undefined {
  const name = value.trim();
  if (!name) {
    problems.add(field, 'Enter the branch (or tag) to use, for example main.');
    return undefined;
  }
  const invalid =
    WHITESPACE.test(name) ||
    UNUSABLE_CHARACTERS.test(name) ||
    /[~^:?*[\\]/.test(name) ||
    name.includes('..') ||
    name.includes('@{') ||
    name.includes('//') ||
    name === '@' ||
    name.startsWith('-') ||
    name.startsWith('/') ||
    name.endsWith('/') ||
    name.endsWith('.') ||
    name
      .split('/')
      .some(part => part.startsWith('.') || part.endsWith('.lock'));
  if (invalid) {
    problems.add(
      field,
      '“%1” is not a valid git branch or tag name: names cannot contain spaces, “..”, or any of ~ ^ : ? * [ \\.',
      name
    );
    return undefined;
  }
  return name;
}

/**
 * Check a relative path (a file in the repository, or the folder to clone
 * into); return its segments, without empty and "." ones.
 */
export function checkRelativePath(
  value: string,
  field: 'path' | 'targetPath',
  problems: Problems
): string[] | undefined {
  const inRepository = field === 'path';
  if (UNUSABLE_CHARACTERS.test(value)) {
    problems.add(
      field,
      'The path contains characters that cannot be put in a link.'
    );
    return undefined;
  }
  if (value.includes('\\')) {
    problems.add(field, 'Use “/” between folders, not “\\”.');
    return undefined;
  }
  if (value.startsWith('/')) {
    if (inRepository) {
      problems.add(
        field,
        'Give the path inside the repository, without a leading “/”.'
      );
    } else {
      problems.add(
        field,
        "Give the folder relative to the user's home, without a leading “/”."
      );
    }
    return undefined;
  }
  const segments = value
    .split('/')
    .filter(segment => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    if (inRepository) {
      problems.add(
        field,
        'The path must stay inside the repository: “..” is not allowed.'
      );
    } else {
      problems.add(
        field,
        "The folder must stay inside the user's home: “..” is not allowed."
      );
    }
    return undefined;
  }
  return segments;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
