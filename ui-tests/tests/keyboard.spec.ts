/**
 * The Environment panel by keyboard alone: opened from the command palette, then Tab goes
 * through the toolbar, the next action, every section header and the disclosures, each with
 * a visible focus ring, and Enter and Space do what a click does. In the dark theme too, with
 * the folded sections unfolded: every control in them is reached, and every ring stands out
 * from what is behind it.
 */
import { Page } from '@playwright/test';

import {
  expect,
  hubPage,
  login,
  onlySection,
  openEnvironmentPanel,
  startNamedServer,
  test
} from './hub';
import { agreeToSend } from './sendFiles';

async function writeRequirements(raw: Page, text: string): Promise<void> {
  await raw.evaluate(async content => {
    const app = (window as any).jupyterapp;
    await app.restored;
    const contents = app.serviceManager.contents;
    await contents.save('environment', { type: 'directory' });
    await contents.save('environment/requirements.txt', {
      type: 'file',
      format: 'text',
      content
    });
  }, text);
}

interface IStop {
  kind: 'toolbar' | 'next' | 'header' | 'disclosure' | 'other';
  label: string;
  /** An outline or a shadow shows where the focus is. */
  ring: boolean;
  /** Contrast ratio of the ring's colour against the colour behind it (1 = invisible). */
  contrast: number;
  inPanel: boolean;
  /** The section it is in (`sources`, ...), or null. */
  section: string | null;
  /** The mark `markControls` put on it, or null. */
  probe: string | null;
  /** Its middle is inside the part of the panel that shows (not scrolled or squeezed away). */
  inView: boolean;
}

/** A ring this much brighter or darker than its background is seen (WCAG asks 3 for UI). */
const RING_CONTRAST = 3;

/** Where the keyboard focus is, and whether it can be seen. */
function focused(raw: Page): Promise<IStop> {
  return raw.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (color: string): RGBA | null => {
      const match = color.match(/rgba?\(([^)]*)\)/);
      if (!match) {
        return null;
      }
      const [r, g, b, a = 1] = match[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const luminance = ([r, g, b]: RGBA) => {
      const [lr, lg, lb] = [r, g, b].map(v => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
      });
      return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
    };
    const up = (node: Element): Element | null =>
      node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);
    /** The first opaque background from `node` up, through shadow roots. */
    const behind = (node: Element | null): RGBA => {
      for (let n = node; n; n = up(n)) {
        const color = parse(getComputedStyle(n).backgroundColor);
        if (color && color[3] > 0.5) {
          return color;
        }
      }
      return [255, 255, 255, 1];
    };
    const el = document.activeElement as HTMLElement;
    // JupyterLab's toolbar buttons draw their ring on the button inside their shadow root.
    const inner = (el.shadowRoot?.activeElement as HTMLElement | null) ?? el;
    const style = getComputedStyle(inner);
    const outline =
      style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none';
    const ringColor = parse(outline ? style.outlineColor : style.boxShadow);
    // A ring drawn inside the element's edge (an inset shadow, an outline with a negative
    // offset) is seen against the element itself; one around it against what is behind it.
    const inside = outline
      ? parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) <= 0
      : style.boxShadow.includes('inset');
    const background = behind(inside ? inner : up(inner));
    const [hi, lo] = ringColor
      ? [luminance(ringColor), luminance(background)].sort((a, b) => b - a)
      : [0, 0];
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
      ring: outline || shadow,
      contrast: ringColor ? (hi + 0.05) / (lo + 0.05) : 1,
      inPanel: !!document.getElementById('jp-envbuilder-panel')?.contains(el),
      section:
        el
          .closest('.lm-AccordionPanel > [id^="jp-envbuilder-"]')
          ?.id.slice('jp-envbuilder-'.length) ?? null,
      probe: el.getAttribute('data-keys-probe'),
      inView: (() => {
        const box = inner.getBoundingClientRect();
        const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
        const hit = document.elementFromPoint(x, y);
        return !!hit && (el.contains(hit) || hit === el.shadowRoot?.host);
      })()
    };
  });
}

/** Mark every control a user can Tab to in a section; their marks, by section. */
function markControls(
  raw: Page,
  sections: string[]
): Promise<Record<string, string[]>> {
  return raw.evaluate(names => {
    const marks: Record<string, string[]> = {};
    for (const name of names) {
      const section = document.getElementById(`jp-envbuilder-${name}`)!;
      const controls = section.querySelectorAll<HTMLElement>(
        'button, a[href], input, select, textarea, summary, [tabindex], jp-button'
      );
      marks[name] = [];
      controls.forEach((control, i) => {
        const shown = control.getClientRects().length > 0;
        // JupyterLab's toolbar buttons are web components: the Tab stop is their host.
        const usable =
          (control.tabIndex >= 0 || control.tagName === 'JP-BUTTON') &&
          !(control as HTMLButtonElement).disabled;
        if (shown && usable) {
          // A group of radio buttons is one Tab stop (the arrow keys move inside it).
          const radio =
            control instanceof HTMLInputElement && control.type === 'radio';
          const mark = radio ? `${name}-radio-${control.name}` : `${name}-${i}`;
          control.setAttribute('data-keys-probe', mark);
          if (!marks[name].includes(mark)) {
            marks[name].push(mark);
          }
        }
      });
    }
    return marks;
  }, sections);
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
  await writeRequirements(raw, 'numpy==1.26.2\n');

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
  const blind = forward
    .filter(s => !s.ring || s.contrast < RING_CONTRAST)
    .map(s => `${s.kind}: ${s.label} (${s.contrast.toFixed(1)})`);
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

test('in the dark theme, every control of each unfolded section is reached by Tab, its ring in sight', async ({
  page,
  user
}) => {
  const raw = hubPage(page);
  await raw.setViewportSize({ width: 1366, height: 768 });
  await login(page, user);
  await startNamedServer(page, user, 'dark', 'example.org/course/env:base');
  await writeRequirements(raw, 'numpy==1.26.4\n');
  await raw.evaluate(async () => {
    const app = (window as any).jupyterapp;
    await app.restored;
    await app.commands.execute('apputils:change-theme', {
      theme: 'JupyterLab Dark'
    });
  });
  await expect(raw.locator('body')).toHaveAttribute(
    'data-jp-theme-light',
    'false'
  );
  const panel = await openEnvironmentPanel(page);
  // A build, saved by name, so that Saved has its list and its actions.
  await panel.getByTestId('envbuilder-next-action').click();
  await agreeToSend(raw, [['requirements.txt', '14 bytes']]);
  await expect(
    panel.locator('#jp-envbuilder-build .jp-EnvBuilder-build')
  ).toHaveAttribute('data-stage', 'ready', { timeout: 120 * 1000 });
  await onlySection(raw, 'saved');
  const saved = panel.locator('#jp-envbuilder-saved');
  await saved.getByLabel('Name', { exact: true }).fill('course');
  await saved.getByLabel('Name', { exact: true }).press('Enter');
  await expect(saved.getByTestId('envbuilder-saved-list')).toBeVisible();

  // One section at a time, as it is used: unfolded, its controls drawn, then Tab from its
  // header until the focus leaves it.
  for (const name of ['sources', 'saved', 'share', 'pins']) {
    await onlySection(raw, name);
    let marks: string[] = [];
    await expect(async () => {
      marks = (await markControls(raw, [name]))[name];
      expect(marks.length).toBeGreaterThan(0);
    }).toPass({ timeout: 30 * 1000 });
    await panel.locator(`[aria-controls="jp-envbuilder-${name}"]`).focus();
    const stops: IStop[] = [];
    for (let i = 0; i < 60; i++) {
      await raw.keyboard.press('Tab');
      const stop = await focused(raw);
      if (stop.section !== name) {
        break;
      }
      stops.push(stop);
    }
    const reached = new Set(stops.map(s => s.probe));
    expect({ name, missed: marks.filter(mark => !reached.has(mark)) }).toEqual({
      name,
      missed: []
    });
    const blind = stops
      .filter(s => !s.ring || !s.inView || s.contrast < RING_CONTRAST)
      .map(s => `${s.label.slice(0, 40)} (${s.contrast.toFixed(1)})`);
    expect({ name, blind }).toEqual({ name, blind: [] });
  }
});
