/**
 * What the "Server and hub" section says when the handshake got no usable answer: a plain
 * sentence of what happened and what to do, what came back behind a disclosure.
 */
import {
  HandshakeFailureKind,
  IHandshakeFailure
} from '../../model/handshakeFailure';
import { shownHandshake } from './handshakeShown';

const shown = (failure: IHandshakeFailure) =>
  shownHandshake({ kind: 'error', failure });

afterEach(() => {
  document.body.innerHTML = '';
});

const CASES: [HandshakeFailureKind, number, string, RegExp][] = [
  ['refused', 403, '403 Forbidden', /login has expired\. Reload the page/],
  ['serverError', 500, '500 Internal Server Error', /in your server’s log/],
  [
    'unavailable',
    503,
    '503 Service Unavailable',
    /HTTP 503, usually from the hub’s proxy/
  ],
  [
    'unreachable',
    0,
    'Failed to fetch',
    /no answer at all.*Check your connection/
  ],
  ['timeout', 0, 'signal timed out', /within 45 seconds/],
  [
    'notJson',
    200,
    '<!DOCTYPE html><html>',
    /usually a login page.*Reload the page/
  ],
  ['other', 418, "418 I'm a teapot", /failed \(HTTP 418\)/]
];

describe('a handshake without a usable answer', () => {
  it.each(CASES)(
    'says what %s means and what to do, what came back in the details',
    async (kind, status, message, sentence) => {
      const node = await shown({ kind, status, message });
      const problem = node.querySelector('.jp-EnvBuilder-problem')!;
      expect(problem.getAttribute('data-failure')).toBe(kind);
      expect(problem.querySelector('p')!.textContent).toMatch(sentence);
      // No raw message in the sentence: it sits behind "Details", folded.
      expect(problem.querySelector('p')!.textContent).not.toContain(message);
      const details = problem.querySelector('details')!;
      expect(details.open).toBe(false);
      expect(details.querySelector('summary')!.textContent).toBe('Details');
      expect(details.querySelector('code')!.textContent).toContain(message);
    }
  );

  it('gives every kind its own title', async () => {
    const titles = new Set<string>();
    for (const [kind, status, message] of CASES) {
      const node = await shown({ kind, status, message });
      titles.add(node.querySelector('h3')!.textContent!);
      document.body.innerHTML = '';
    }
    expect(titles.size).toBe(CASES.length);
  });
});
