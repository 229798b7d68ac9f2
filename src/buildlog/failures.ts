/**
 * Why a build failed, in plain words: common failures recognised in the log of
 * repo2docker (conda, pip, apt, postBuild) and in the build service's answer (a refused
 * token, rate limits).
 *
 * Nothing here depends on JupyterLab, so it can be tested on its own.
 */
import { DEFAULT_BUILD_SERVICE_NAME, serviceScope } from '../contract';
import { IBuildEvent } from './events';
import { BuildLog } from './log';
import { noTranslation, Translate } from '../translate';

export type FailureKind =
  | 'conda-not-found'
  | 'conda-unsolvable'
  | 'pip-not-found'
  | 'apt-not-found'
  | 'postbuild-failed'
  | 'forbidden'
  | 'session'
  | 'rateLimited';

export interface IFailureExplanation {
  kind: FailureKind;
  /** What went wrong, in one sentence. */
  title: string;
  /** What to do about it. */
  advice: string;
  /** Index of the log line that shows it; null when the build service's answer does. */
  line: number | null;
}

/** The scope a server's token needs to use the build service under its default name. */
export const DEFAULT_BUILD_SCOPE = serviceScope(DEFAULT_BUILD_SERVICE_NAME);

/** Lines above a conda error that may name the missing package. */
const CONDA_CONTEXT = 40;

interface IRule {
  kind: FailureKind;
  pattern: RegExp;
}

// Newest first wins; within a line, the first rule that matches.
const RULES: IRule[] = [
  { kind: 'apt-not-found', pattern: /\bE: Unable to locate package (\S+)/ },
  {
    kind: 'apt-not-found',
    pattern: /\bE: Package '([^']+)' has no installation candidate/
  },
  {
    kind: 'pip-not-found',
    pattern: /No matching distribution found for (\S+)/
  },
  {
    kind: 'pip-not-found',
    pattern: /Could not find a version that satisfies the requirement (\S+)/
  },
  {
    kind: 'conda-not-found',
    pattern:
      /[└├]─\s*(\S+).*does not exist \(perhaps a typo or a missing channel\)/
  },
  { kind: 'conda-not-found', pattern: /nothing provides requested (\S+)/ },
  { kind: 'conda-not-found', pattern: /PackagesNotFoundError/ },
  {
    kind: 'conda-unsolvable',
    pattern:
      /Could not solve for environment specs|UnsatisfiableError|Encountered problems while solving|Found conflicts!/
  },
  {
    kind: 'postbuild-failed',
    pattern:
      /postBuild.*(?:returned a non-zero code: (\d+)|did not complete successfully: exit code: (\d+))/
  }
];

interface IFound {
  kind: FailureKind;
  line: number;
  detail: string | null;
}

function lastMatch(lines: readonly string[]): IFound | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    for (const rule of RULES) {
      const match = rule.pattern.exec(lines[i]);
      if (match) {
        const detail = match.slice(1).find(group => group !== undefined);
        return { kind: rule.kind, line: i, detail: detail ?? null };
      }
    }
  }
  return null;
}

/** A conda error may be "could not solve" around a package that does not exist. */
function condaDetails(lines: readonly string[], found: IFound): IFound {
  if (found.kind !== 'conda-unsolvable' && found.detail !== null) {
    return found;
  }
  const from = Math.max(0, found.line - CONDA_CONTEXT);
  const to = Math.min(lines.length, found.line + 10);
  for (let i = from; i < to; i++) {
    for (const rule of RULES) {
      if (rule.kind !== 'conda-not-found') {
        continue;
      }
      const match = rule.pattern.exec(lines[i]);
      if (match && match[1]) {
        return { kind: 'conda-not-found', line: i, detail: match[1] };
      }
      if (match) {
        // PackagesNotFoundError lists the packages below it: "  - name".
        for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
          const item = /^\s+- (\S+)/.exec(lines[j]);
          if (item) {
            return { kind: 'conda-not-found', line: i, detail: item[1] };
          }
        }
        return { kind: 'conda-not-found', line: i, detail: null };
      }
    }
  }
  return found;
}

function fromService(
  final: IBuildEvent,
  __: Translate
): IFailureExplanation | null {
  const code = final.status_code;
  if (final.error === 'connect' && (code === 401 || code === 403)) {
    return {
      kind: 'session',
      title: __(
        'This page is no longer logged in to your server (HTTP %1).',
        code
      ),
      advice: __(
        'Reload the page (log in again if the hub asks), then build again.'
      ),
      line: null
    };
  }
  if (final.error === 'forbidden' || code === 401 || code === 403) {
    const scope = final.missingScope || DEFAULT_BUILD_SCOPE;
    return {
      kind: 'forbidden',
      title: __("The build service refused this server's token."),
      advice: __(
        "Your server's token needs the scope %1. Ask your hub administrator to grant it to the 'server' role (jupyterlab_envbuilder.hub.configure(c) does it), then restart your server.",
        scope
      ),
      line: null
    };
  }
  if (final.error === 'rateLimited' || code === 429) {
    const seconds = final.retryAfter;
    return {
      kind: 'rateLimited',
      title: __('The build service is busy: too many builds at once.'),
      advice: seconds
        ? __(
            'Nothing is wrong with your files. Build again in %1 seconds.',
            seconds
          )
        : __('Nothing is wrong with your files. Build again in a few minutes.'),
      line: null
    };
  }
  return null;
}

function fromLog(found: IFound, __: Translate): IFailureExplanation {
  const name = found.detail ?? '';
  switch (found.kind) {
    case 'conda-not-found':
      return {
        kind: found.kind,
        title: name
          ? __('Conda could not find the package %1.', name)
          : __('Conda could not find a package of environment.yml.'),
        advice: __(
          'No channel listed in environment.yml has it. Check the spelling, add the channel that has it (e.g. conda-forge) under channels:, or install it with pip instead.'
        ),
        line: found.line
      };
    case 'conda-unsolvable':
      return {
        kind: found.kind,
        title: __(
          'Conda could not find versions of your packages that work together.'
        ),
        advice: __(
          'Some versions asked for in environment.yml conflict; the lines below "Could not solve" in the log name them. Loosen the pins (numpy=1.26 rather than numpy=1.26.4) or drop one of the packages.'
        ),
        line: found.line
      };
    case 'pip-not-found':
      return {
        kind: found.kind,
        title: __('pip found no release of %1.', name),
        advice: __(
          'Nothing on the package index matches what requirements.txt (or the pip: list of environment.yml) asks for, for this Python version. Check the name and the version; the log line "from versions: …" lists the versions that exist.'
        ),
        line: found.line
      };
    case 'apt-not-found':
      return {
        kind: found.kind,
        title: __('apt could not find the package %1.', name),
        advice: __(
          "apt.txt names a package that the image's Ubuntu release does not have. Check the name on packages.ubuntu.com for that release, and remove or rename the line."
        ),
        line: found.line
      };
    default:
      return {
        kind: 'postbuild-failed',
        title: __('Your postBuild script failed (exit code %1).', name || '?'),
        advice: __(
          'The script ran and stopped with an error: the log lines just above this one say why. Try it in a terminal first (bash -e postBuild); start it with #!/bin/bash and make every command succeed.'
        ),
        line: found.line
      };
  }
}

/**
 * Why the build failed, if it is one of the common failures; null otherwise (then the
 * build service's own message is all there is).
 *
 * @param lines the log's plain lines
 * @param final the event that ended the build, if any
 */
export function explainFailure(
  lines: readonly string[],
  final: IBuildEvent | null,
  __: Translate = noTranslation
): IFailureExplanation | null {
  const service = final ? fromService(final, __) : null;
  if (service) {
    return service;
  }
  const found = lastMatch(lines);
  if (!found) {
    return null;
  }
  return fromLog(
    found.kind.startsWith('conda') ? condaDetails(lines, found) : found,
    __
  );
}

/**
 * `explainFailure` for a log that grows: explains again only when the log or the failure
 * changed, since the views ask on every render.
 */
export class FailureExplainer {
  constructor(private readonly _trans: Translate = noTranslation) {}

  explain(
    log: BuildLog,
    failure: IBuildEvent | null
  ): IFailureExplanation | null {
    const last = this._last;
    if (last?.version === log.version && last.failure === failure) {
      return last.value;
    }
    const value = explainFailure(log.plainLines, failure, this._trans);
    this._last = { version: log.version, failure, value };
    return value;
  }

  private _last: {
    version: number;
    failure: IBuildEvent | null;
    value: IFailureExplanation | null;
  } | null = null;
}
