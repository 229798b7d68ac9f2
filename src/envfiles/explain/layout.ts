/**
 * Which configuration files a folder holds and where, seen the way repo2docker looks.
 */
import { ConfigFileName, isConfigFileName, miscasedConfigName } from '../names';
import { pathSegments } from '../paths';
import { CONFIG_FOLDERS } from '../repo2docker';
import { ConfigFolder } from './types';

/** Where a file sits: the top level, one of the config folders, or anywhere else. */
export type Location = 'root' | 'binder' | '.binder' | 'elsewhere';

export interface IConfigEntry {
  /** The path as the caller gave it. */
  path: string;
  /** The configuration name, corrected for case when `exactName` is false. */
  name: ConfigFileName;
  location: Location;
  exactName: boolean;
}

export interface ILayout {
  /** Null when both binder/ and .binder/ exist, which repo2docker refuses. */
  folder: ConfigFolder | null;
  entries: IConfigEntry[];
}

function locationOf(segments: string[]): Location {
  if (segments.length === 1) {
    return 'root';
  }
  const folder = segments[0];
  if (segments.length === 2 && (folder === 'binder' || folder === '.binder')) {
    return folder;
  }
  return 'elsewhere';
}

/**
 * Read the layout from file paths relative to the environment folder.
 *
 * A config folder counts as present when any file lies inside it: repo2docker
 * only asks whether the directory exists, and a snapshot (a git tree) cannot
 * hold an empty directory.
 */
export function readLayout(paths: readonly string[]): ILayout {
  const present = new Set<string>();
  const entries: IConfigEntry[] = [];
  for (const path of paths) {
    const segments = pathSegments(path);
    if (!segments) {
      continue;
    }
    if (segments.length > 1) {
      present.add(segments[0]);
    }
    const last = segments[segments.length - 1];
    const exactName = isConfigFileName(last);
    const name = exactName ? last : miscasedConfigName(last);
    if (name) {
      entries.push({ path, name, location: locationOf(segments), exactName });
    }
  }
  const found = CONFIG_FOLDERS.filter(folder => present.has(folder));
  const folder: ConfigFolder | null =
    found.length > 1 ? null : (found[0] ?? '');
  return { folder, entries };
}
