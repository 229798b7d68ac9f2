import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import {
  ENVIRONMENT_FILE_NAMES,
  explainEnvironment,
  IProblem,
  validateEnvironmentFile
} from '../../envfiles';

const CORPUS = join(__dirname, 'corpus');
const VALID = join(CORPUS, 'valid');
const MALFORMED = join(CORPUS, 'malformed');

/** Corpus files below a folder, as paths relative to it, with '/' separators. */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (name !== 'expected.json') {
        found.push(relative(dir, path).split('\\').join('/'));
      }
    }
  };
  walk(dir);
  return found.sort();
}

/** Each case folder is an environment folder: paths are relative to it. */
function splitCase(file: string): { caseName: string; path: string } {
  const [caseName, ...rest] = file.split('/');
  return { caseName, path: rest.join('/') };
}

/** Validate a corpus file the way the panel does: its text plus the saved bytes. */
function validate(root: string, file: string): IProblem[] {
  const bytes = readFileSync(join(root, file));
  return validateEnvironmentFile({
    path: splitCase(file).path,
    text: bytes.toString('utf8'),
    facts: { bytes: new Uint8Array(bytes) }
  });
}

describe('valid corpus', () => {
  const files = filesUnder(VALID);
  const cases = [...new Set(files.map(f => splitCase(f).caseName))];

  it('has at least 15 repositories and every kind of configuration file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    const names = new Set(files.map(f => f.split('/').pop()));
    for (const name of ENVIRONMENT_FILE_NAMES) {
      expect(names).toContain(name);
    }
  });

  it.each(files)('%s has no problems', file => {
    expect(validate(VALID, file)).toEqual([]);
  });

  // What each sample repository builds with, as repo2docker would decide.
  const buildpacks: Record<string, string> = {
    'binder-folder': 'conda',
    'conda-basic': 'conda',
    'conda-export': 'conda',
    'conda-geo': 'conda',
    'conda-r': 'conda',
    'conda-yaml': 'conda',
    'crlf-requirements': 'python',
    docker: 'dockerfile',
    dotbinder: 'python',
    julia: 'julia',
    nix: 'nix',
    pipenv: 'pipfile',
    'postbuild-python': 'python',
    'python-hashes': 'python',
    'python-major': 'python',
    'python-package': 'python',
    'python-pinned': 'python',
    'python-vcs': 'python',
    'r-only-date': 'r',
    'r-package': 'r',
    'r-tidyverse': 'r',
    'start-script': 'python'
  };

  it('names the buildpack of every sample repository', () => {
    expect(Object.keys(buildpacks).sort()).toEqual([...cases].sort());
  });

  it.each(cases)('%s builds without blockers', caseName => {
    const paths = files
      .filter(f => splitCase(f).caseName === caseName)
      .map(f => splitCase(f).path);
    const contents = Object.fromEntries(
      paths.map(p => [p, readFileSync(join(VALID, caseName, p), 'utf8')])
    );
    const explanation = explainEnvironment(paths, { contents });
    expect(explanation.blockers).toEqual([]);
    expect(explanation.buildpack?.id).toBe(buildpacks[caseName]);
    expect(explanation.files.map(f => f.status)).not.toContain('ignored');
  });
});

interface IExpectedProblem {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: string;
  code: string;
  /** A distinctive part of the message. */
  message: string;
}

describe('malformed corpus', () => {
  const files = filesUnder(MALFORMED);
  const expected: Record<string, IExpectedProblem[]> = JSON.parse(
    readFileSync(join(MALFORMED, 'expected.json'), 'utf8')
  );

  it('records the expected problems of every file, and of no other', () => {
    expect(Object.keys(expected).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(Object.values(expected).every(list => list.length > 0)).toBe(true);
  });

  it.each(files)('%s', file => {
    const actual = validate(MALFORMED, file);
    const want = expected[file];
    expect(
      actual.map(p => ({
        line: p.line,
        column: p.column,
        ...(p.endLine === undefined
          ? {}
          : { endLine: p.endLine, endColumn: p.endColumn }),
        severity: p.severity,
        code: p.code
      }))
    ).toEqual(want.map(({ message, ...position }) => position));
    actual.forEach((problem, i) => {
      expect(problem.message).toContain(want[i].message);
      expect(problem.file).toBe(splitCase(file).path);
    });
  });
});
