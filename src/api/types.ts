/**
 * The server extension's answers, as they come over the wire.
 */
import type { IBuildEvent } from '../buildlog/events';
import type { IServerSettings } from '../contract';

/** Why the hub's version is not known. */
export interface IHubVersionProblem {
  /** `notConfigured` (no hub API URL), `unreachable`, or `noVersion` (an answer without one). */
  code: string;
  /** The setting that is missing, for `notConfigured`. */
  setting?: string;
  httpStatus?: number;
  /** The network error, as the server saw it: for admins, not translated. */
  detail?: string;
}

/** Where this server runs on the hub, as the server extension sees it. */
export interface IHubContext {
  user: string;
  /** '' is the default server. */
  serverName: string;
  hubPrefix: string;
  publicUrl: string;
  hubVersion: string | null;
  hubVersionProblem?: IHubVersionProblem | null;
  /** The spawner the hub runs, when the hub tells it; null when it does not. */
  spawner?: 'kubespawner' | 'dockerspawner' | 'other' | null;
  /** Its class, as the hub's configuration names it. */
  spawnerClass?: string | null;
}

/**
 * Whether one capability is available and, if not, why, as codes and names: the words are
 * the frontend's (`components/handshakeText.ts`).
 */
export interface ICapability {
  available: boolean;
  /**
   * What is missing. Build: `notConfigured`, `unreachable`, `notFound`, `wrongBaseUrl`,
   * `refused`, `missingScope`. Restart: `notOnHub`, `missingScope`, `noSpawnOptions`.
   * Snapshot store: `notConfigured`, `unreachable`. All three: `binderSession`, a server a
   * BinderHub launched from a repository, where nothing is set up for this extension.
   */
  code?: string;
  /** The admin setting that would enable the capability, e.g. `ENVBUILDER_SPAWN_OPTIONS`. */
  setting?: string;
  missingScopes?: string[];
  httpStatus?: number;
  /** The network error, as the server saw it: for admins, not translated. */
  detail?: string;
  url?: string;
  spawnOptionsTemplate?: string | null;
  /** Where a build service answers instead, for `wrongBaseUrl`. */
  foundAt?: string;
  /** Snapshot store: what is lost without it (`sharedBuilds`, `buildWithoutServer`, `build`). */
  lost?: string[];
}

/** The BinderHub that launched this server from a repository (a Binder session). */
export interface IBinderSession {
  /** The BinderHub, e.g. `https://mybinder.org/`. */
  launchHost: string | null;
  /** The repository it launched this server from. */
  repoUrl: string | null;
  /** The web page of the commit it launched. */
  refUrl: string | null;
}

/** Answer of `GET envbuilder/status?version=`. */
export interface IHandshake {
  version: string;
  frontendVersion: string | null;
  versionMatches: boolean;
  hub: IHubContext | null;
  /** Null when no BinderHub launched this server; handshakes made by hand may leave it out. */
  binder?: IBinderSession | null;
  image: string | null;
  settings: IServerSettings;
  capabilities: {
    build: ICapability;
    restart: ICapability;
    /** The hub's snapshot store; handshakes made by hand (tests) may leave it out. */
    snapshotStore?: ICapability;
  };
}

/** Answer of `GET envbuilder/git?path=`: the git clone a notebook lives in. */
export interface IGitInfo {
  /** The path asked about, relative to the server root. */
  path: string;
  /** The clone's folder, relative to the server root (absolute if it holds the root). */
  repoRoot: string;
  /** The path inside the clone; '' for the clone itself. */
  pathInRepo: string;
  /** The remote the branch pulls from, else `origin`, else the first; null without one. */
  remote: string | null;
  /** That remote's address, without user name or password. */
  remoteUrl: string | null;
  /** The checked-out branch; null on a detached HEAD. */
  branch: string | null;
  /** The branch's name on the remote, when it has an upstream. */
  remoteBranch: string | null;
  /** e.g. `origin/main`; null when the branch has none. */
  upstream: string | null;
  /** Whether anything is changed, new or deleted and not committed. */
  dirty: boolean;
  /** Those files, relative to the clone (at most 100). */
  dirtyFiles: string[];
  dirtyCount: number;
  /** Commits that no remote has, as far as the clone knows. */
  unpushed: number;
  /** Whether the path is committed at all. */
  pathTracked: boolean;
  /** Whether the path itself has changes that are not committed. */
  pathChanged: boolean;
}

/** One build of the build history, `GET envbuilder/builds` (newest first). */
export interface IBuildSummary {
  id: string;
  spec: string;
  repoUrl: string | null;
  ref: string | null;
  /** Whether it built an environment folder's snapshot (false: a source, e.g. a repository). */
  snapshot: boolean;
  startedAt: string | null;
  finishedAt: string | null;
  /** `built` when an image came out of it. */
  result: string;
  imageName: string | null;
  /** The build service's last words, e.g. why it failed. */
  message?: string | null;
  /**
   * The build service answered `ready` at once: the image was there already, built by an
   * earlier build (perhaps another user's), so this build's log holds no build of it.
   */
  cacheHit: boolean;
  /**
   * Whether the package list of its image is known: recorded at the first start of a server
   * on the image (no build service reports one). Absent from servers before this was kept.
   */
  packagesRecorded?: boolean;
}

/** One file of a snapshot. */
export interface ISnapshotFile {
  path: string;
  size: number;
  executable: boolean;
}

/** Answer of `POST envbuilder/snapshots`: a content-addressed commit of the environment folder. */
export interface ISnapshot {
  sha: string;
  /** Where the build service fetches the commit from. */
  repoUrl: string;
  /** `git/<encoded repoUrl>/<sha>`, the build spec. */
  spec: string;
  folder: string;
  files: ISnapshotFile[];
}

/** Answer of `GET envbuilder/snapshots?folder=`: what a snapshot would send; nothing is sent. */
export interface ISnapshotPreview {
  sha: string;
  folder: string;
  /** Whether the files go to the hub's snapshot store (else this server serves them). */
  store: boolean;
  files: ISnapshotFile[];
}

/**
 * Answer of `GET envbuilder/builds/<id>`: a build with every event it had, or with a slice
 * of them (`?tail=N`: the last N; `?offset=I&limit=N`: a page).
 */
export interface IBuildRecord extends IBuildSummary {
  events: { time: string | null; event: IBuildEvent }[];
  /** How many events the whole record has (servers before paging leave it out). */
  eventCount?: number;
  /** The index of the first event returned. */
  offset?: number;
}

/** One fact of the environment history. */
export interface IEnvironmentEntry {
  /** `failed-start`: a restart could not start the server on this image. */
  kind: 'started' | 'last-known-good' | 'failed-start';
  image: string;
  server: string;
  time: string;
}

/** Answer of `GET envbuilder/environments`. */
export interface IEnvironments {
  runningImage: string | null;
  lastKnownGood: string | null;
  folder: string;
  folderSha: string | null;
  folderProblem: string | null;
  entries: IEnvironmentEntry[];
}
