/**
 * JupyterLab reacts to its service manager's `connectionFailure` signal with its
 * connection-lost handler; on a hub that is the hub extension's "Server unavailable or
 * unreachable" dialog, which offers to restart the very server a restart is stopping, and
 * JupyterLab has no switch to turn it off. So the signal is held back while the server is
 * down on purpose, and only then.
 */

/** What is needed of JupyterLab's service manager. */
export interface IConnectionFailureSource {
  readonly connectionFailure: object;
}

/** Hold back connection failures; returns what lets them through again. */
export function quietConnectionLost(
  serviceManager: IConnectionFailureSource
): () => void {
  const signal = serviceManager.connectionFailure as { emit?: unknown };
  if (typeof signal.emit !== 'function') {
    return () => undefined;
  }
  const own = Object.prototype.hasOwnProperty.call(signal, 'emit');
  const original = signal.emit;
  signal.emit = () => undefined;
  return () => {
    if (own) {
      signal.emit = original;
    } else {
      delete signal.emit;
    }
  };
}
