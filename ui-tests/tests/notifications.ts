/**
 * JupyterLab's notifications in the specs' words. A toast closes by itself after a few
 * seconds, which a slow run can miss; the notification list (the status bar's bell) keeps
 * every notification until it is dismissed, so the specs read that instead.
 */
import { expect, IJupyterLabPageFixture } from '@jupyterlab/galata';

import { hubPage } from './hub';

/** A notification as the list holds it: its words, its type and its buttons' labels. */
export interface IListedNotification {
  message: string;
  type: string;
  actions: string[];
}

/** The notifications JupyterLab lists now whose message holds `text`. */
export async function listedNotifications(
  page: IJupyterLabPageFixture,
  text: string
): Promise<IListedNotification[]> {
  const listed = await hubPage(page).evaluate(async () => {
    const galata = (window as any).galata;
    // Galata finds the application on first asking; after a reload it has not asked yet.
    void galata.app;
    const notifications: {
      message: string;
      type: string;
      options: { actions?: { label: string }[] };
    }[] = await galata.getNotifications();
    return notifications.map(({ message, type, options }) => ({
      message,
      type,
      actions: (options.actions ?? []).map(action => action.label)
    }));
  });
  return listed.filter(notification => notification.message.includes(text));
}

/** Wait until JupyterLab lists a notification of `type` whose message holds `text`. */
export async function expectNotification(
  page: IJupyterLabPageFixture,
  text: string,
  type: string
): Promise<void> {
  await expect
    .poll(async () =>
      (await listedNotifications(page, text)).map(
        notification => notification.type
      )
    )
    .toContain(type);
}
