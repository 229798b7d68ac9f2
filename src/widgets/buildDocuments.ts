/**
 * Saving the environment files that are open with unsaved changes, before a build.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { IDocumentManager } from '@jupyterlab/docmanager';

type DocumentContext = ReturnType<IDocumentManager['contextForWidget']>;

/** Whether `path` (relative to the server root) lies in `folder` ('' is the root). */
export function inFolder(path: string, folder: string): boolean {
  const clean = folder.replace(/^\/+|\/+$/g, '');
  const local = path.replace(/^\/+/, '');
  return clean === '' || local === clean || local.startsWith(clean + '/');
}

/**
 * A saver for the build: saves each document open in the main area whose file lies in
 * the environment folder and has unsaved changes; resolves with their paths.
 */
export function dirtySaver(
  shell: JupyterFrontEnd.IShell,
  docManager: IDocumentManager
): (folder: string) => Promise<string[]> {
  return async folder => {
    const contexts = new Set<NonNullable<DocumentContext>>();
    for (const widget of shell.widgets('main')) {
      const context = docManager.contextForWidget(widget);
      if (!context || context.isDisposed || !context.model.dirty) {
        continue;
      }
      const path = docManager.services.contents.localPath(context.path);
      if (inFolder(path, folder)) {
        contexts.add(context);
      }
    }
    const saved: string[] = [];
    for (const context of contexts) {
      await context.save();
      saved.push(docManager.services.contents.localPath(context.path));
    }
    return saved;
  };
}
