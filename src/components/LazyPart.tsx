/**
 * Parts of a view whose code loads when first drawn (`React.lazy`). The code comes in a
 * chunk of its own, which can fail to load: the network drops, or the server was updated
 * under an open JupyterLab and the old chunk is gone. The part then says so where it would
 * have been drawn, and offers to load it again, instead of leaving a blank.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/** What a failed load says: the browser's own words, first line, without an end stop. */
function reasonText(reason: unknown, trans: TranslationBundle): string {
  const text = reason instanceof Error ? reason.message : String(reason ?? '');
  const line = text.split('\n')[0].trim().replace(/\.+$/, '');
  return line || trans.__('no reason given');
}

/**
 * Says that a part's code did not load, why, and what to do; one wording for the panel's
 * sections and the parts inside them.
 */
export function LoadFailed(props: {
  /** What did not load, e.g. "The package list". */
  what: string;
  reason: unknown;
  trans: TranslationBundle;
  onRetry: () => void;
  /** Take the focus: a retry from the keyboard failed again. */
  focus?: boolean;
}): JSX.Element {
  const { trans } = props;
  return (
    <div
      className="jp-EnvBuilder-problem jp-EnvBuilder-loadFailed"
      role="alert"
    >
      <p>
        {trans.__(
          '%1 could not be loaded: %2.',
          props.what,
          reasonText(props.reason, trans)
        )}{' '}
        {trans.__('Try again, or reload the page if it keeps failing.')}
      </p>
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-mod-accept"
        autoFocus={props.focus}
        onClick={props.onRetry}
      >
        {trans.__('Try again')}
      </button>
    </div>
  );
}

/** A failed load of a part's code, told apart from an error while drawing it. */
class PartLoadError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

interface IBoundaryProps {
  what: string;
  trans: TranslationBundle;
  retried: boolean;
  onRetry: () => void;
  children: React.ReactNode;
}

/** Catches a part's failed load; anything else goes on to the boundaries above. */
class LoadBoundary extends React.Component<
  IBoundaryProps,
  { error: unknown | null }
> {
  state = { error: null as unknown | null };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  componentDidCatch(error: unknown): void {
    if (error instanceof PartLoadError) {
      console.error(
        `jupyterlab-envbuilder: ${this.props.what} did not load`,
        error.reason
      );
    }
  }

  render(): React.ReactNode {
    const error = this.state.error;
    if (error === null) {
      return this.props.children;
    }
    if (!(error instanceof PartLoadError)) {
      throw error;
    }
    return (
      <LoadFailed
        what={this.props.what}
        reason={error.reason}
        trans={this.props.trans}
        onRetry={this.props.onRetry}
        focus={this.props.retried}
      />
    );
  }
}

/** What every lazy part takes besides its view's own props. */
export interface ILazyPartProps {
  /** Shown while the code loads (nothing if not given). */
  loading?: React.ReactNode;
}

/**
 * A view whose code loads when first drawn, named by `what` if the load fails. One load
 * serves every place the part is drawn; Try again asks for the code anew.
 */
export function lazyPart<P extends { trans: TranslationBundle }>(
  load: () => Promise<React.ComponentType<P>>,
  what: (trans: TranslationBundle) => string
): React.FunctionComponent<P & ILazyPartProps> {
  // The lazy wrapper's props are the view's own (it takes no ref).
  const fresh = () =>
    React.lazy(() =>
      load().then(
        view => ({ default: view }),
        reason => {
          throw new PartLoadError(reason);
        }
      )
    ) as unknown as React.FunctionComponent<P>;
  // React keeps a lazy component's failure for good: a retry needs a new one.
  let Part = fresh();
  return function LazyPart(props) {
    const [attempt, setAttempt] = React.useState(0);
    const { loading = null, ...viewProps } = props;
    return (
      <LoadBoundary
        key={attempt}
        what={what(props.trans)}
        trans={props.trans}
        retried={attempt > 0}
        onRetry={() => {
          Part = fresh();
          setAttempt(attempt + 1);
        }}
      >
        <React.Suspense fallback={loading}>
          <Part {...(viewProps as unknown as P)} />
        </React.Suspense>
      </LoadBoundary>
    );
  };
}
