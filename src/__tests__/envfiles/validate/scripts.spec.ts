import { check, found } from './helpers';

describe('postBuild', () => {
  it.each([
    '#!/bin/bash\nset -e\npip install x\n',
    '#!/usr/bin/env bash\n',
    '#! /bin/sh\n',
    '#!/usr/bin/env -S python3 -u\nprint("sudo apt-get install is fine in Python")\n'
  ])('accepts %j', text => {
    expect(found('postBuild', text)).toEqual([]);
  });

  it('warns, without failing, when there is no "#!" line', () => {
    const [problem] = check('postBuild', 'pip install x\n');
    expect(problem.severity).toBe('warning');
    expect(problem.message).toContain('/bin/sh');
  });

  it('warns about apt-get install after other commands on a line', () => {
    expect(
      found('postBuild', '#!/bin/bash\ncd /tmp && apt-get install -y x\n')
    ).toEqual(['2:12 postbuild-needs-root']);
  });

  it('ignores commented-out root commands', () => {
    expect(
      found('postBuild', '#!/bin/bash\n# sudo apt-get install x\n')
    ).toEqual([]);
  });

  it('requires a program after /usr/bin/env', () => {
    expect(found('postBuild', '#!/usr/bin/env\n')).toEqual([
      '1:1 script-shebang-path'
    ]);
  });

  it('reports a byte-order mark hiding the "#!" line', () => {
    expect(found('postBuild', '\ufeff#!/bin/bash\n')).toEqual([
      '1:1 script-bom'
    ]);
  });
});

describe('start', () => {
  it.each([
    '#!/bin/bash\nexec "$@"\n',
    '#!/bin/sh\nexport A=1\nexec "${@}"\n',
    '#!/bin/bash -l\nexec $@\n',
    // A Python start script hands over in its own way; not checked.
    '#!/usr/bin/env python3\nimport os, sys\nos.execvp(sys.argv[1], sys.argv[1:])\n'
  ])('accepts %j', text => {
    expect(found('start', text)).toEqual([]);
  });

  it('fails without a "#!" line, because it is launched directly', () => {
    const [problem] = check('start', 'exec "$@"\n');
    expect(problem).toMatchObject({
      severity: 'error',
      code: 'script-no-shebang'
    });
  });

  it('does not count a commented-out exec', () => {
    expect(found('start', '#!/bin/bash\n# exec "$@"\n')).toEqual([
      '2:1 start-no-exec'
    ]);
  });

  it('fails on an empty file, which neither starts nor hands over', () => {
    expect(found('start', '')).toEqual([
      '1:1 script-no-shebang',
      '1:1 start-no-exec'
    ]);
  });
});
