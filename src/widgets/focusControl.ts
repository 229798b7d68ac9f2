/** The controls a section's focus goes to first. */
const CONTROLS = 'button, a[href], input, select, textarea';

/** How long a section still loading may take to draw its controls and get the focus. */
const WAIT_MS = 10_000;

/**
 * Give the keyboard focus to the first control in `node`. A section whose view is still
 * loading (the folded sections load on first show) gets it when its controls are drawn,
 * unless the focus has moved on meanwhile.
 */
export function focusFirstControl(node: HTMLElement): void {
  const first = node.querySelector<HTMLElement>(CONTROLS);
  if (first) {
    first.focus();
    return;
  }
  const before = document.activeElement;
  const observer = new MutationObserver(() => {
    const control = node.querySelector<HTMLElement>(CONTROLS);
    if (!control) {
      return;
    }
    stop();
    const now = document.activeElement;
    if (now === before || now === null || now === document.body) {
      control.focus();
    }
  });
  const timer = window.setTimeout(() => stop(), WAIT_MS);
  const stop = () => {
    observer.disconnect();
    window.clearTimeout(timer);
  };
  observer.observe(node, { childList: true, subtree: true });
}
