/** A handshake and a clone as the share model's tests start from them. */
import { IGitInfo, IHandshake } from '../../api/types';
import { defaultServerSettings } from '../../contract';

export const VERSION = '1.0.0';
export const ORIGIN = 'http://127.0.0.1:8000';

export function handshake(overrides: Partial<IHandshake> = {}): IHandshake {
  return {
    version: VERSION,
    frontendVersion: VERSION,
    versionMatches: true,
    hub: {
      user: 'teacher',
      serverName: 'course',
      hubPrefix: '/hub/',
      publicUrl: '',
      hubVersion: '6.1.1'
    },
    image: 'example.org/course:2026',
    settings: defaultServerSettings(),
    capabilities: {
      build: { available: false },
      restart: { available: true, spawnOptionsTemplate: 'image={image}' }
    },
    ...overrides
  };
}

export function gitInfo(overrides: Partial<IGitInfo> = {}): IGitInfo {
  return {
    path: 'courses/intro/lessons/one.ipynb',
    repoRoot: 'courses/intro',
    pathInRepo: 'lessons/one.ipynb',
    remote: 'origin',
    remoteUrl: 'https://git.example.org/org/intro.git',
    branch: 'main',
    remoteBranch: 'main',
    upstream: 'origin/main',
    dirty: false,
    dirtyFiles: [],
    dirtyCount: 0,
    unpushed: 0,
    pathTracked: true,
    pathChanged: false,
    ...overrides
  };
}
