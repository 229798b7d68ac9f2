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

/** The errors the check finds; a check that breaks itself blocks nothing. */
export async function precheckErrors(
  precheck: IBuildPrecheck
): Promise<IBuildProblem[]> {
  try {
    const problems = await precheck.validateAll();
    return problems.filter(p => p.severity === 'error');
  } catch (error) {
    console.warn(
      'jupyterlab-envbuilder: the check before the build failed',
      error
    );
    return [];
  }
}
