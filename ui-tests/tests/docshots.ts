/**
 * The user guide's screenshots come from the end-to-end tests, so they always show what the
 * tests just saw: each is written to docs/images/<name>.png (a stable path the guide links to)
 * at 1366x768, without passing notifications (JupyterLab's news question among them).
 */
import type { Page } from '@playwright/test';
import * as path from 'path';

const DOCS_IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');

export async function docScreenshot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({
    path: path.join(DOCS_IMAGES, `${name}.png`),
    style: '.Toastify { display: none !important; }'
  });
  if (size) {
    await page.setViewportSize(size);
  }
}
