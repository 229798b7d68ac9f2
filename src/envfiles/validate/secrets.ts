/**
 * Secrets written into an environment file: the files are copied into the
 * image, so anyone who can pull the image can read them. Looks for
 * credentials in URLs (an index URL with a password, a git URL with a token)
 * and for tokens whose shape their issuer made recognisable.
 */
import { Problems } from './problems';
import { IFileSource } from './source';

/** `scheme://userinfo@`: userinfo is what carries credentials in a URL. */
const URL_USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/([^\s/?#@]+)@/gi;

/** Token formats documented by their issuers, each with its own prefix. */
const TOKEN_SHAPES: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g, // GitHub
  /\bgithub_pat_[A-Za-z0-9_]{22,}\b/g, // GitHub fine-grained
  /\bglpat-[A-Za-z0-9_-]{20,}\b/g, // GitLab
  /\bhf_[A-Za-z0-9]{30,}\b/g, // Hugging Face
  /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g, // Slack
  /\bAKIA[0-9A-Z]{16}\b/g // AWS access key id
];

/** A user name alone that is really a token: long, and not a word. */
function looksLikeToken(user: string): boolean {
  return user.length >= 20 && /\d/.test(user) && /^[A-Za-z0-9_-]+$/.test(user);
}

/** Warn about every secret in the file's text. */
export function checkSecrets(source: IFileSource, problems: Problems): void {
  const { text } = source;
  const __ = problems.__;
  const reported = new Set<number>();
  for (const match of text.matchAll(URL_USERINFO)) {
    const userinfo = match[1];
    const start = (match.index ?? 0) + match[0].length - userinfo.length - 1;
    // ${VAR} is filled in from the build's environment, not written in the file.
    if (userinfo.includes('$')) {
      continue;
    }
    const [user, password] = userinfo.split(/:(.*)/s);
    if (password === undefined && !looksLikeToken(user)) {
      continue;
    }
    reported.add(start);
    problems.warning(
      'secret-in-url',
      start,
      start + userinfo.length,
      __(
        'This URL carries credentials: they are copied into the image, where anyone who can pull it can read them. Use an index or repository that needs none, or pass the credentials at build time.'
      )
    );
  }
  for (const shape of TOKEN_SHAPES) {
    for (const match of text.matchAll(shape)) {
      const start = match.index ?? 0;
      if ([...reported].some(at => at <= start && start < at + 200)) {
        continue;
      }
      problems.warning(
        'secret-token',
        start,
        start + match[0].length,
        __(
          'This looks like an access token: it is copied into the image, where anyone who can pull it can read it. Remove it and revoke it.'
        )
      );
    }
  }
}
