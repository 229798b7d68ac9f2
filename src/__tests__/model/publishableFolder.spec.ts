import { readFileSync } from 'fs';
import path from 'path';

import { publishableFolder } from '../../model/folder';

/** The server's table (tests/test_boundary.py reads the same file). */
const FOLDERS: [string, string | null][] = JSON.parse(
  readFileSync(
    path.resolve(
      __dirname,
      '../../../jupyterlab_envbuilder/tests/fixtures/folders.json'
    ),
    'utf-8'
  )
);

describe('the environment folder setting', () => {
  it.each(FOLDERS)('%j → %j, as the server has it', (folder, normalized) => {
    expect(publishableFolder(folder)).toBe(normalized);
  });
});
