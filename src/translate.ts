/**
 * The one translation signature of the extension's pure parts (build log, environment
 * files, launch links, models), so none of them needs JupyterLab's translation package.
 */

/**
 * Translates a message; the signature of JupyterLab's `TranslationBundle.__`.
 *
 * Messages use `%1`, `%2`, … placeholders, as JupyterLab's gettext does.
 */
export type Translate = (msg: string, ...args: any[]) => string;

/**
 * Fills the placeholders without translating, like JupyterLab's null translator, so tests
 * and callers without a translator still get whole messages.
 */
export const noTranslation: Translate = (msg, ...args) =>
  msg.replace(/%(\d+)/g, (placeholder: string, index: string) => {
    const position = Number(index) - 1;
    return position < args.length ? String(args[position]) : placeholder;
  });
