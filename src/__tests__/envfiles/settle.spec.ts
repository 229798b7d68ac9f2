import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import {
  explainEnvironment,
  IProblem,
  settleProblems,
  validateEnvironmentFile
} from '../../envfiles';

/**
 * Layouts like repo2docker's own binder-folder test repositories: broken
 * files at the top level that a binder/ or .binder/ folder makes ignored.
 */
const LAYOUTS = join(__dirname, 'corpus', 'binder-layouts');

function readCase(name: string): Record<string, string> {
  const root = join(LAYOUTS, name);
  const contents: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else {
        contents[relative(root, path).split('\\').join('/')] = readFileSync(
          path,
          'utf8'
        );
      }
    }
  };
  walk(root);
  return contents;
}

/** Validate and explain a folder the way the panel does. */
function check(contents: Record<string, string>) {
  const paths = Object.keys(contents).sort();
  const explanation = explainEnvironment(paths, { contents });
  const configFiles = explanation.files.map(f => f.path);
  const found: IProblem[] = configFiles.flatMap(path =>
    validateEnvironmentFile({ path, text: contents[path] })
  );
  return { explanation, found, settled: settleProblems(found, explanation) };
}

const errors = (problems: IProblem[]) =>
  problems.filter(p => p.severity === 'error').map(p => p.file);

describe('files the build ignores never block it', () => {
  it.each([
    ['conda-dotbinder', 'conda', ['environment.yml']],
    ['pip-binder', 'python', ['apt.txt', 'environment.yml']],
    ['nix-binder', 'nix', ['start']]
  ])('%s builds with %s', (name, buildpack, broken) => {
    const { explanation, found, settled } = check(readCase(name));
    expect(explanation.buildpack?.id).toBe(buildpack);
    expect(explanation.blockers).toEqual([]);
    // The broken top-level files are errors on their own...
    expect(new Set(errors(found))).toEqual(new Set(broken));
    // ...but the explanation marks them ignored, so they are information only.
    for (const file of broken) {
      expect(explanation.files.find(f => f.path === file)?.status).toBe(
        'ignored'
      );
    }
    expect(errors(settled)).toEqual([]);
    // Every problem found is in an ignored file, warnings included.
    expect(settled.every(p => p.severity === 'info')).toBe(true);
    // Nothing is dropped: every problem is still listed with its position.
    expect(settled.map(({ severity, ...rest }) => rest)).toEqual(
      found.map(({ severity, ...rest }) => rest)
    );
  });

  it('still blocks on a problem in a file the build reads', () => {
    const contents = readCase('pip-binder');
    contents['binder/requirements.txt'] = 'pip install requests\n';
    const { settled } = check(contents);
    expect(errors(settled)).toEqual(['binder/requirements.txt']);
  });

  it('turns a reason the build fails that no file error states into an error', () => {
    const { explanation, settled } = check({
      'pyproject.toml':
        '[project]\nname = "x"\nrequires-python = ">=3.99"\n[build-system]\nrequires = ["hatchling"]\n'
    });
    expect(explanation.blockers.map(b => b.id)).toEqual(['pyproject-python']);
    expect(settled).toEqual([
      expect.objectContaining({
        file: 'pyproject.toml',
        severity: 'error',
        code: 'build-fails-pyproject-python'
      })
    ]);
  });

  it('does not repeat a blocker a file error already states', () => {
    const { settled } = check({ 'runtime.txt': 'python-3.10.4\n' });
    expect(settled.map(p => p.code)).toEqual(['runtime-python-patch']);
  });
});

describe('a folder with both binder/ and .binder/', () => {
  it('turns Build off with the reason on .binder/', () => {
    const { settled } = check({
      'binder/requirements.txt': 'numpy\n',
      '.binder/requirements.txt': 'pandas\n'
    });
    const blocking = settled.filter(p => p.severity === 'error');
    expect(blocking.map(p => p.file)).toEqual(['.binder/']);
    expect(blocking[0].message).toMatch(/binder/);
  });
});
