import type { ISignal } from '@lumino/signaling';

/** A problem that keeps a build from starting, e.g. from the Environment files section. */
export interface IBuildProblem {
  file: string;
  line?: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
}

/**
 * Something that checks the environment files before a build (the Environment files
 * section's model fits): the Build button waits for it and stays off while errors remain.
 */
export interface IBuildPrecheck {
  /** Check every file again, unsaved editors included; resolves with all problems. */
  validateAll(): Promise<readonly IBuildProblem[]>;
  /** The problems known now, to say why Build is off without checking again. */
  readonly problems?: readonly IBuildProblem[];
  readonly problemsChanged?: ISignal<unknown, readonly IBuildProblem[]>;
}
