import { allowsPython, readPyproject } from '../../envfiles/pyproject';

describe('readPyproject', () => {
  it('finds a package and its requires-python', () => {
    expect(
      readPyproject(
        '[build-system]\nrequires = ["hatchling"]\n[project]\nname = "x"\nrequires-python = ">=3.9"\n'
      )
    ).toEqual({ isPackage: true, requiresPython: '>=3.9' });
  });

  it('reads requires-python only under [project]', () => {
    expect(
      readPyproject('[tool.x]\nrequires-python = ">=3.9"\n[project]\n')
    ).toEqual({ isPackage: false, requiresPython: null });
  });
});

describe('allowsPython', () => {
  it.each([
    ['>=3.9', '3.10', true],
    ['>=3.11', '3.10', false],
    ['>=3.9,<3.11', '3.11', false],
    ['~=3.10', '3.13', true],
    ['~=3.10.1', '3.11', false],
    ['==3.12.*', '3.12', true],
    ['!=3.10.*', '3.10', false],
    ['>=3.10.2', '3.10', false],
    ['', '3.10', true]
  ])('%s allows %s: %s', (specifiers, version, allowed) => {
    expect(allowsPython(specifiers, version)).toBe(allowed);
  });

  it('says when it cannot tell', () => {
    expect(allowsPython('>=three', '3.10')).toBeNull();
  });
});
