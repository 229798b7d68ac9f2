/**
 * Build launch links with the extension's own code, for the Python round-trip
 * tests: a JSON list of link requests on stdin, the list of results on stdout.
 *
 * Run with `node_modules/.bin/tsx jupyterlab_envbuilder/tests/links_table.ts`.
 */
import {
  buildLaunchLink,
  ILaunchLinkRequest,
  INamedServerEnvironment,
  namedServerLink
} from '../../src/links';

/** A request for a course link that names a server (the hub's launch page). */
interface INamedServerRequest {
  hubUrl: string;
  content: ILaunchLinkRequest['content'];
  environment: { kind: 'namedServer' } & INamedServerEnvironment;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const requests = JSON.parse(await readStdin()) as (
    | ILaunchLinkRequest
    | INamedServerRequest
  )[];
  const results = requests.map(request => {
    if (request.environment.kind !== 'namedServer') {
      return buildLaunchLink(request as ILaunchLinkRequest);
    }
    const named = request as INamedServerRequest;
    const url = namedServerLink(named.hubUrl, named.content, named.environment);
    return url.ok ? { ok: true, value: { url: url.value } } : url;
  });
  process.stdout.write(JSON.stringify(results));
}

void main();
