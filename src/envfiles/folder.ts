/**
 * The environment folder setting, normalised the same way as the server does
 * (`jupyterlab_envbuilder/boundary.py`; both are tested against one table of
 * cases): everything in the folder is copied into the image, so it must be a
 * subfolder of the server root, never the root itself nor a way out of it.
 */

/** `environment`, `/repos/x/binder/` → `repos/x/binder`; null for the root or a way out. */
export function environmentFolder(folder: string): string | null {
  if (folder.includes('\0')) {
    return null;
  }
  const parts = folder
    .trim()
    .replace(/\\/g, '/')
    .split('/')
    .filter(part => part !== '' && part !== '.');
  if (parts.length === 0 || parts.includes('..')) {
    return null;
  }
  return parts.join('/');
}
