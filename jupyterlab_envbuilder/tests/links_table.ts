/**
 * Build launch links with the extension's own code, for the Python round-trip
 * tests: a JSON list of link requests on stdin, the list of results on stdout.
 *
 * Run with `node_modules/.bin/tsx jupyterlab_envbuilder/tests/links_table.ts`.
 */
import { buildLaunchLink, ILaunchLinkRequest } from '../../src/links';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const requests = JSON.parse(await readStdin()) as ILaunchLinkRequest[];
  const results = requests.map(request => buildLaunchLink(request));
  process.stdout.write(JSON.stringify(results));
}

void main();
