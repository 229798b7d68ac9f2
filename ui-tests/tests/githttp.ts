/**
 * A course repository on a real git server for the tests: bare repositories served over git's
 * smart HTTP protocol by the git server of the pytest suite
 * (`jupyterlab_envbuilder/tests/githttp.py`, `git http-backend` on 127.0.0.1).
 */
import { execFile, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
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

/** The project's Python, which runs the git server the pytest suite uses too. */
const PYTHON = path.resolve(__dirname, '..', '..', '.venv', 'bin', 'python');
const GIT_SERVER = path.resolve(
  __dirname,
  '..',
  '..',
  'jupyterlab_envbuilder',
  'tests',
  'githttp.py'
);

/** Serve the bare repositories under `root` read-only (no push) over smart HTTP. */
export async function startGitServer(root: string): Promise<IGitServer> {
  const server = spawn(PYTHON, [GIT_SERVER, root], {
    stdio: ['ignore', 'pipe', 'inherit']
  });
  // The server prints its URL once it listens.
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf-8');
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        resolve(line.trim());
      }
    });
    server.on('exit', code =>
      reject(new Error(`the git server stopped (exit code ${code})`))
    );
  });
  return {
    url,
    root,
    close: () =>
      new Promise<void>(resolve => {
        if (server.exitCode !== null) {
          resolve();
          return;
        }
        server.on('exit', () => resolve());
        server.kill();
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
