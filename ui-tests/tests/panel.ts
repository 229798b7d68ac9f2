/**
 * The Environment panel's sections in the specs' own words.
 */
import { Page } from '@playwright/test';

/** Expand one section of the Environment panel and collapse the others, for room. */
export async function showOnly(page: Page, title: string): Promise<void> {
  const titles = page.locator('#jp-envbuilder-panel .jp-AccordionPanel-title');
  const count = await titles.count();
  for (let i = 0; i < count; i++) {
    const header = titles.nth(i);
    const expanded = (await header.getAttribute('aria-expanded')) === 'true';
    // Headers may carry a status after the title.
    const text = ((await header.textContent()) ?? '').trim().toLowerCase();
    const wanted = text.startsWith(title);
    if (expanded !== wanted) {
      await header.click();
    }
  }
}
