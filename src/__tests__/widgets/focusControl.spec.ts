/**
 * "Show a section" gives the focus to the section's first control, also when the section's
 * view is still loading (folded sections load on first show).
 */
import { focusFirstControl } from '../../widgets/focusControl';

const flush = () => new Promise(resolve => setTimeout(resolve, 0));

describe('focusFirstControl', () => {
  let section: HTMLElement;
  let elsewhere: HTMLInputElement;
  beforeEach(() => {
    document.body.innerHTML = '';
    section = document.createElement('div');
    elsewhere = document.createElement('input');
    document.body.append(section, elsewhere);
  });

  it('focuses the first control that is there', () => {
    section.innerHTML = '<p>text</p><input id="first" /><button>b</button>';
    focusFirstControl(section);
    expect(document.activeElement?.id).toBe('first');
  });

  it('focuses the first control once a loading section draws it', async () => {
    section.innerHTML = '<p>Loading…</p>';
    focusFirstControl(section);
    expect(document.activeElement).toBe(document.body);
    section.innerHTML = '<input id="repo" /><button>Build</button>';
    await flush();
    expect(document.activeElement?.id).toBe('repo');
  });

  it('leaves the focus where the user moved it while the section loaded', async () => {
    section.innerHTML = '<p>Loading…</p>';
    focusFirstControl(section);
    elsewhere.focus();
    section.innerHTML = '<input id="repo" />';
    await flush();
    expect(document.activeElement).toBe(elsewhere);
  });
});
