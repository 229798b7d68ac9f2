/**
 * The Environment panel by keyboard alone: opened from the command palette, then Tab goes
 * through the toolbar, the next action, every section header and the disclosures, each with
 * a visible focus ring, and Enter and Space do what a click does.
 */
import { Page } from '@playwright/test';

import { expect, hubPage, login, startNamedServer, test } from './hub';

interface IStop {
  kind: 'toolbar' | 'next' | 'header' | 'disclosure' | 'other';
  label: string;
  /** An outline or a shadow shows where the focus is. */
  ring: boolean;
  inPanel: boolean;
}

/** Where the keyboard focus is, and whether it can be seen. */
function focused(raw: Page): Promise<IStop> {
  return raw.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    // JupyterLab's toolbar buttons draw their ring on the button inside their shadow root.
    const inner = (el.shadowRoot?.activeElement as HTMLElement | null) ?? el;
    const style = getComputedStyle(inner);
    const ring =
      (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
      style.boxShadow !== 'none';
    const kind = el.closest('.jp-SidePanel-toolbar')
      ? 'toolbar'
      : el.matches('[data-testid="envbuilder-next-action"]')
        ? 'next'
        : el.matches('.lm-AccordionPanel-title')
          ? 'header'
          : el.tagName === 'SUMMARY'
            ? 'disclosure'
            : 'other';
    return {
      kind,
      label: (
        el.getAttribute('aria-label') ||
        el.closest('[title]')?.getAttribute('title') ||
        el.textContent ||
        ''
      ).trim(),
      ring,
      inPanel: !!document.getElementById('jp-envbuilder-panel')?.contains(el)
    };
  });
}

test('the panel is used by keyboard alone, with the focus always in sight', async ({
  page
}) => {
  const raw = hubPage(page);
  await raw.setViewportSize({ width: 1366, height: 768 });
  // A user without the restart scopes: the "For your administrator" disclosure is there.
  const user = `limited-keys-${Date.now().toString(36)}`;
  await login(page, user);
  await startNamedServer(page, user, 'keys', 'example.org/course/env:base');
  await raw.evaluate(async () => {
    const app = (window as any).jupyterapp;
    await app.restored;
    const contents = app.serviceManager.contents;
    await contents.save('environment', { type: 'directory' });
    await contents.save('environment/requirements.txt', {
      type: 'file',
      format: 'text',
      content: 'numpy==1.26.2\n'
    });
  });

  // The command palette, by keyboard: the panel opens with the focus on its next action
  // (which appears once the first check has answered).
  await raw.keyboard.press('Control+Shift+C');
  await raw.keyboard.type('Open the Environment Panel');
  await raw.keyboard.press('Enter');
  const panel = raw.locator('#jp-envbuilder-panel');
  const next = panel.getByTestId('envbuilder-next-action');
  await expect(next).toHaveText('Build');
  await expect.poll(async () => (await focused(raw)).kind).toBe('next');

  // The toolbar is one Tab stop; the arrow keys move between its buttons (JupyterLab's
  // toolbars); then Tab goes through the rest of the panel.
  await panel.locator('.jp-SidePanel-toolbar button').first().focus();
  const forward: IStop[] = [await focused(raw)];
  for (let i = 0; i < 4; i++) {
    await raw.keyboard.press('ArrowRight');
    forward.push(await focused(raw));
  }
  await raw.keyboard.press('Tab');
  for (let i = 0; i < 80; i++) {
    const stop = await focused(raw);
    if (!stop.inPanel) {
      break;
    }
    forward.push(stop);
    await raw.keyboard.press('Tab');
  }
  const toolbar = forward.filter(s => s.kind === 'toolbar').map(s => s.label);
  expect(toolbar.join(' | ')).toMatch(/snapshot of the environment folder/);
  expect(toolbar.join(' | ')).toMatch(/launch link/);
  expect(toolbar.join(' | ')).toMatch(/Ask the server and the hub again/);
  expect(forward.filter(s => s.kind === 'next')).toHaveLength(1);
  const headers = forward.filter(s => s.kind === 'header').map(s => s.label);
  expect(headers).toHaveLength(7);
  const blind = forward.filter(s => !s.ring).map(s => `${s.kind}: ${s.label}`);
  expect(blind).toEqual([]);

  // Enter on a folded section header opens it; the disclosure inside opens with Space.
  const status = panel.locator('[aria-controls="jp-envbuilder-status"]');
  await expect(status).toHaveAttribute('aria-expanded', 'false');
  await status.focus();
  await raw.keyboard.press('Enter');
  await expect(status).toHaveAttribute('aria-expanded', 'true');
  const admin = panel.getByTestId('envbuilder-admin-restart');
  await expect(admin).not.toHaveAttribute('open');
  for (let i = 0; i < 20; i++) {
    await raw.keyboard.press('Tab');
    const stop = await focused(raw);
    if (stop.kind === 'disclosure') {
      expect(stop.ring).toBe(true);
      break;
    }
  }
  await expect(admin.locator('summary')).toBeFocused();
  await raw.keyboard.press('Space');
  await expect(admin).toHaveAttribute('open');

  // Enter on the next action builds: the question of the files to send takes the focus.
  await next.focus();
  await raw.keyboard.press('Enter');
  const question = raw.locator('.jp-Dialog');
  await expect(
    question.getByRole('button', { name: 'Send and Build' })
  ).toBeFocused();
  await raw.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
});
