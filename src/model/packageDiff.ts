/**
 * Two environments' packages side by side: what moving from one to the other adds, removes and
 * changes. Pure; no JupyterLab.
 */
import type { IInstalled } from '../api/packages';

/** One package as people read it. */
export interface IPackage {
  /** The canonical name: what lists are compared by. */
  key: string;
  /** The name as pip writes it. */
  name: string;
  version: string;
  /** Only conda knows it (e.g. `python`, system libraries). */
  conda: boolean;
}

export interface IVersionChange {
  key: string;
  name: string;
  from: string;
  to: string;
}

export interface IPackageDiff {
  added: IPackage[];
  removed: IPackage[];
  changed: IVersionChange[];
  /** How many packages are the same in both, version included. */
  same: number;
}

/**
 * One list from pip's and conda's: pip's version where both know a package (conda's Python
 * packages are pip's too), conda's for the rest. Sorted by name, case aside.
 */
export function packageList(installed: IInstalled): IPackage[] {
  const byKey = new Map<string, IPackage>();
  for (const [key, version] of Object.entries(installed.conda)) {
    byKey.set(key, { key, name: key, version, conda: true });
  }
  for (const [key, version] of Object.entries(installed.pip)) {
    const name = installed.display[key] ?? key;
    byKey.set(key, { key, name, version, conda: false });
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/** What going from `from` to `to` does to the packages, each list sorted by name. */
export function diffPackages(from: IInstalled, to: IInstalled): IPackageDiff {
  const before = new Map(packageList(from).map(p => [p.key, p]));
  const diff: IPackageDiff = { added: [], removed: [], changed: [], same: 0 };
  for (const after of packageList(to)) {
    const was = before.get(after.key);
    before.delete(after.key);
    if (!was) {
      diff.added.push(after);
    } else if (was.version !== after.version) {
      diff.changed.push({
        key: after.key,
        name: after.name,
        from: was.version,
        to: after.version
      });
    } else {
      diff.same += 1;
    }
  }
  diff.removed = [...before.values()];
  return diff;
}

/** Whether the two lists are the same, versions included. */
export function isSame(diff: IPackageDiff): boolean {
  return (
    diff.added.length === 0 &&
    diff.removed.length === 0 &&
    diff.changed.length === 0
  );
}
