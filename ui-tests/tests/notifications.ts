/**
 * JupyterLab's notifications in the specs' words. A toast closes by itself after a few
 * seconds, which a slow run can miss; the notification list (the status bar's bell) keeps
 * every notification until it is dismissed, so the specs read that instead.
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';

import { hubPage } from './hub';

/** The notifications JupyterLab lists now, through Galata's in-page helpers. */
function listed(
  page: IJupyterLabPageFixture
): Promise<{ message: string; type: string }[]> {
  return hubPage(page).evaluate(async () => {
    const galata = (window as any).galata;
    // Galata finds the application on first asking; after a reload it has not asked yet.
    void galata.app;
    const notifications: { message: string; type: string }[] =
      await galata.getNotifications();
    return notifications.map(({ message, type }) => ({ message, type }));
  });
}

/** Wait until JupyterLab lists a notification of `type` whose message holds `text`. */
export async function expectNotification(
  page: IJupyterLabPageFixture,
  text: string,
  type: string
): Promise<void> {
  await expect
    .poll(async () =>
      (await listed(page))
        .filter(notification => notification.message.includes(text))
        .map(notification => notification.type)
    )
    .toContain(type);
}
