/**
 * Course links that name a server: the hub page `configure()` adds resolves the user who
 * follows the link, creates or starts that named server on the image, then opens the content:
 * `{hub}/hub/envbuilder/launch/{server}?image=…&urlpath=git-pull?…`. A shared link cannot carry
 * the user name JupyterHub's own spawn URL needs; this page fills it in.
 */
import { checkServiceAddress } from './checks';
import { checkContent, IContent } from './nbgitpuller';
import { LinkResult, Problems } from './result';
import { noTranslation, Translate } from '../translate';

/** The image and the named server a course link starts. */
export interface INamedServerEnvironment {
  image: string;
  /** e.g. `course-101`: lower case letters, digits, ".", "_" and "-", as JupyterHub takes it. */
  serverName: string;
}

// JupyterHub 6 takes a server name in a URL when it is a "safe slug".
const SERVER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/**
 * `content` null: the link opens JupyterLab on the new server, with nothing pulled (a saved
 * environment shared as it is).
 */
export function namedServerLink(
  hubUrl: string,
  content: IContent | null,
  environment: INamedServerEnvironment,
  trans: Translate = noTranslation
): LinkResult<string> {
  const problems = new Problems(trans);
  const base = checkServiceAddress(hubUrl, 'hubUrl', problems);
  const server = environment.serverName.trim();
  if (!SERVER_NAME.test(server)) {
    problems.add(
      'serverName',
      'Name the server with lower case letters, digits, “.”, “_” or “-”, for example course-101.'
    );
  }
  const image = environment.image.trim();
  if (!image || /\s/.test(image)) {
    problems.add(
      'image',
      'Enter the image to start, for example quay.io/org/course:2024.'
    );
  }
  const pull = content ? checkContent(content, problems) : { path: 'lab' };
  return problems.result(() => {
    const query = new URLSearchParams({ image, urlpath: pull!.path });
    return `${base}hub/envbuilder/launch/${server}?${query}`;
  });
}
