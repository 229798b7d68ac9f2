/**
 * The question asked before the first build of a folder, as a user answers it.
 */
import { expect } from '@jupyterlab/galata';
import { Page } from '@playwright/test';

/**
 * Check the files the build would send, with their sizes as shown, and agree by keyboard
 * (Enter on the focused "Send and Build").
 */
export async function agreeToSend(
  page: Page,
  files: [string, string][]
): Promise<void> {
  const question = page.locator('.jp-Dialog');
  const list = question.getByTestId('envbuilder-send-files');
  await expect(list).toBeVisible();
  await expect(list.locator('tbody tr')).toHaveCount(files.length);
  for (const [path, size] of files) {
    await expect(
      list.locator('tr', { hasText: path }).locator('td').last()
    ).toHaveText(size);
  }
  await expect(
    question.getByRole('button', { name: 'Send and Build' })
  ).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
}
