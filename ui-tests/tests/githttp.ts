/**
 * A course repository on a real git server for the tests: bare repositories served over git's
 * smart HTTP protocol by `git http-backend` (CGI) behind a tiny Node HTTP server on 127.0.0.1.
 * nbgitpuller clones with `--depth 1`, which git's dumb HTTP protocol cannot serve.
 */
import { execFile, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';

/** git without the machine's or the user's configuration, with a fixed author. */
export const GIT_ENV = {
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Instructor',
  GIT_AUTHOR_EMAIL: 'instructor@example.org',
  GIT_COMMITTER_NAME: 'Instructor',
  GIT_COMMITTER_EMAIL: 'instructor@example.org',
  GIT_TERMINAL_PROMPT: '0'
};

/** Run git and wait for it; blocks this process, so never for the server started here. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    env: { ...process.env, ...GIT_ENV },
    encoding: 'utf-8'
  });
}

/** Run git without blocking, e.g. to clone from the git server this process runs. */
export function gitAsync(cwd: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf-8' },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(stdout)
    );
  });
}

export interface IGitServer {
  /** e.g. http://127.0.0.1:40123/ */
  url: string;
  /** Folder holding the bare repositories. */
  root: string;
  close(): Promise<void>;
}

/** Serve the bare repositories under `root` read-only (no push) over smart HTTP. */
export async function startGitServer(root: string): Promise<IGitServer> {
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      GATEWAY_INTERFACE: 'CGI/1.1',
      REQUEST_METHOD: request.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      REMOTE_ADDR: request.socket.remoteAddress ?? '127.0.0.1',
      CONTENT_TYPE: request.headers['content-type'] ?? ''
    };
    if (request.headers['content-length']) {
      env.CONTENT_LENGTH = request.headers['content-length'];
    }
    // As a CGI server does: every request header as HTTP_<NAME> (Git-Protocol, Content-Encoding).
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') {
        env[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = value;
      }
    }
    const backend = spawn('git', ['http-backend'], { env });
    // git may answer before it read the whole request (e.g. an error): ignore the broken pipe.
    backend.stdin.on('error', () => undefined);
    request.pipe(backend.stdin);
    let head = Buffer.alloc(0);
    let headersSent = false;
    backend.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        return;
      }
      let status = 200;
      for (const line of head
        .subarray(0, end)
        .toString('latin1')
        .split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') {
          status = parseInt(value, 10);
        } else if (name) {
          response.setHeader(name, value);
        }
      }
      response.writeHead(status);
      headersSent = true;
      response.write(head.subarray(end + 4));
    });
    backend.stderr.on('data', (chunk: Buffer) =>
      process.stderr.write(`git http-backend: ${chunk}`)
    );
    backend.on('close', () => {
      if (!headersSent) {
        response.writeHead(502);
      }
      response.end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    root,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      })
  };
}

/** A notebook with one Markdown cell, as JupyterLab writes them. */
export function notebook(markdown: string): string {
  return JSON.stringify(
    {
      cells: [
        {
          cell_type: 'markdown',
          id: 'welcome',
          metadata: {},
          source: [markdown]
        }
      ],
      metadata: {
        kernelspec: {
          display_name: 'Python 3 (ipykernel)',
          language: 'python',
          name: 'python3'
        }
      },
      nbformat: 4,
      nbformat_minor: 5
    },
    null,
    1
  );
}

/**
 * Make the bare repository `<root>/<name>.git` with the given files committed on `main`.
 */
export function createRepository(
  root: string,
  name: string,
  files: Record<string, string>
): string {
  const bare = path.join(root, `${name}.git`);
  git(root, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-seed-`));
  try {
    git(work, 'init', '--quiet', '--initial-branch=main');
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
      fs.writeFileSync(path.join(work, file), text);
    }
    git(work, 'add', '.');
    git(work, 'commit', '--quiet', '-m', 'Course material');
    git(work, 'push', '--quiet', bare, 'main');
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return bare;
}
