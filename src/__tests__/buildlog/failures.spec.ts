import { explainFailure } from '../../buildlog/failures';
import { BuildLog } from '../../buildlog/log';
import { recordedEvents } from './streams';
import { IBuildEvent } from '../../buildlog/events';

/** The plain lines of a log excerpt, as the log keeps them. */
function lines(text: string): readonly string[] {
  const log = new BuildLog();
  log.append(text);
  return log.plainLines;
}

const R2D_FAILED: IBuildEvent = {
  phase: 'failed',
  message: 'repo2docker failed (exit code 1).\n',
  error: 'buildFailed'
};

describe('explainFailure', () => {
  it('names the conda package that does not exist (mamba 2 / micromamba)', () => {
    const log =
      lines(`Step 39/52 : RUN TIMEFORMAT='time: %3R' bash -c 'time \${MAMBA_EXE} env update -p \${NB_PYTHON_PREFIX} --file "environment.yml" && time \${MAMBA_EXE} clean --all -f -y && \${MAMBA_EXE} list -p \${NB_PYTHON_PREFIX} '
 ---> Running in 4c0b3d7d6f2a
conda-forge/linux-64                                        Using cache
conda-forge/noarch                                          Using cache
error    libmamba Could not solve for environment specs
    The following package could not be installed
    └─ numpyy =* * does not exist (perhaps a typo or a missing channel).
critical libmamba Could not solve for environment specs
The command '/bin/sh -c TIMEFORMAT='time: %3R' bash -c 'time \${MAMBA_EXE} env update -p \${NB_PYTHON_PREFIX} --file "environment.yml"'' returned a non-zero code: 1
`);
    const explained = explainFailure(log, R2D_FAILED);
    expect(explained?.kind).toBe('conda-not-found');
    expect(explained?.title).toBe('Conda could not find the package numpyy.');
    expect(log[explained!.line!]).toContain('numpyy =* * does not exist');
    expect(explained?.advice).toContain('environment.yml');
  });

  it('names the missing package of classic conda (PackagesNotFoundError)', () => {
    const log =
      lines(`Collecting package metadata (repodata.json): ...working... done
Solving environment: ...working... failed

PackagesNotFoundError: The following packages are not available from current channels:

  - scikit-lern

Current channels:

  - https://conda.anaconda.org/conda-forge/linux-64
  - https://conda.anaconda.org/conda-forge/noarch
`);
    const explained = explainFailure(log, R2D_FAILED);
    expect(explained?.kind).toBe('conda-not-found');
    expect(explained?.title).toContain('scikit-lern');
  });

  it('names the missing package of mamba 1 ("nothing provides requested")', () => {
    const explained = explainFailure(
      lines(`Encountered problems while solving:
  - nothing provides requested pandass
`),
      R2D_FAILED
    );
    expect(explained?.kind).toBe('conda-not-found');
    expect(explained?.title).toContain('pandass');
  });

  it('says when conda cannot make the versions work together', () => {
    const explained = explainFailure(
      lines(`error    libmamba Could not solve for environment specs
    The following packages are incompatible
    ├─ python 3.12**  is requested and can be installed;
    └─ tensorflow 2.4**  is not installable because it requires
       └─ python >=3.6,<3.9 , which conflicts with any installable versions previously reported.
critical libmamba Could not solve for environment specs
The command '/bin/sh -c TIMEFORMAT='time: %3R' bash -c 'time \${MAMBA_EXE} env update'' returned a non-zero code: 1
`),
      R2D_FAILED
    );
    expect(explained?.kind).toBe('conda-unsolvable');
    expect(explained?.title).toBe(
      'Conda could not find versions of your packages that work together.'
    );
  });

  it('names the requirement pip found no distribution for', () => {
    const log =
      lines(`Step 45/50 : RUN \${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "requirements.txt"
 ---> Running in 8a6c0a1e7f1b
ERROR: Could not find a version that satisfies the requirement numpy==99.0 (from versions: 1.3.0, 1.4.1, 1.26.4, 2.0.0)
ERROR: No matching distribution found for numpy==99.0
The command '/bin/sh -c \${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "requirements.txt"' returned a non-zero code: 1
`);
    const explained = explainFailure(log, R2D_FAILED);
    expect(explained?.kind).toBe('pip-not-found');
    expect(explained?.title).toBe('pip found no release of numpy==99.0.');
    expect(explained?.advice).toContain('requirements.txt');
    expect(log[explained!.line!]).toBe(
      'ERROR: No matching distribution found for numpy==99.0'
    );
  });

  it('reads BuildKit output too (step prefixes, "did not complete successfully")', () => {
    const explained = explainFailure(
      lines(`#14 [10/18] RUN \${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "requirements.txt"
#14 2.873 ERROR: No matching distribution found for torchh
#14 ERROR: process "/bin/sh -c \${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r \\"requirements.txt\\"" did not complete successfully: exit code: 1
`),
      R2D_FAILED
    );
    expect(explained?.kind).toBe('pip-not-found');
    expect(explained?.title).toContain('torchh');
  });

  it('names the package apt could not locate', () => {
    const explained = explainFailure(
      lines(`Step 10/50 : RUN apt-get -qq update &&     apt-get install --yes --no-install-recommends libfoo-dev &&     apt-get -qq purge &&     apt-get -qq clean &&     rm -rf /var/lib/apt/lists/*
 ---> Running in 1f2e3d4c5b6a
Reading package lists...
Building dependency tree...
Reading state information...
E: Unable to locate package libfoo-dev
The command '/bin/sh -c apt-get -qq update &&     apt-get install --yes --no-install-recommends libfoo-dev' returned a non-zero code: 100
`),
      R2D_FAILED
    );
    expect(explained?.kind).toBe('apt-not-found');
    expect(explained?.title).toBe('apt could not find the package libfoo-dev.');
    expect(explained?.advice).toContain('apt.txt');
  });

  it('says the postBuild script failed, with its exit code', () => {
    const log = lines(`Step 48/52 : RUN chmod +x postBuild
 ---> Running in 0b1c2d3e4f5a
Removing intermediate container 0b1c2d3e4f5a
Step 49/52 : RUN ./postBuild
 ---> Running in 9f8e7d6c5b4a
./postBuild: line 3: wget: command not found
The command '/bin/sh -c ./postBuild' returned a non-zero code: 127
`);
    const explained = explainFailure(log, R2D_FAILED);
    expect(explained?.kind).toBe('postbuild-failed');
    expect(explained?.title).toBe(
      'Your postBuild script failed (exit code 127).'
    );
    expect(log[explained!.line! - 1]).toContain('command not found');
  });

  it('names the scope when the build service refuses the token', () => {
    // As the gateway passes on a 403 from the hub service.
    const final: IBuildEvent = {
      phase: 'failed',
      status_code: 403,
      error: 'forbidden',
      missingScope: 'access:services!service=binder',
      message:
        'The build service refused this server (HTTP 403): its token needs the scope access:services!service=binder.\n'
    };
    const explained = explainFailure(lines(final.message!), final);
    expect(explained?.kind).toBe('forbidden');
    expect(explained?.advice).toContain('access:services!service=binder');
    expect(explained?.line).toBeNull();
  });

  it('names the default scope for a BinderHub 403 without the gateway', () => {
    const explained = explainFailure([], {
      phase: 'failed',
      status_code: 403,
      message: 'Forbidden\n'
    });
    expect(explained?.kind).toBe('forbidden');
    expect(explained?.advice).toContain('access:services!service=binder');
  });

  it('says a rate limit is not the files\u2019 fault, and when to try again', () => {
    expect(
      explainFailure([], {
        phase: 'failed',
        status_code: 429,
        error: 'rateLimited',
        retryAfter: 30,
        message: 'Rate limited by the build service: try again in 30 seconds.\n'
      })?.advice
    ).toBe('Nothing is wrong with your files. Build again in 30 seconds.');
    expect(
      explainFailure([], {
        phase: 'failed',
        status_code: 429,
        message:
          'Too many users running https://github.com/org/repo! Try again soon.\n'
      })?.kind
    ).toBe('rateLimited');
  });

  it('tells an expired page session apart from a refused token', () => {
    expect(
      explainFailure([], {
        phase: 'failed',
        error: 'connect',
        status_code: 403
      })?.kind
    ).toBe('session');
  });

  it('explains nothing it does not recognise, e.g. a successful build', () => {
    const log = new BuildLog();
    log.appendAll(recordedEvents().map(e => e.message ?? ''));
    expect(explainFailure(log.plainLines, null)).toBeNull();
    expect(
      explainFailure(['something odd happened'], {
        phase: 'failed',
        message: 'The build failed; the build service gave no reason.\n'
      })
    ).toBeNull();
  });

  it('takes the failure nearest the end when a log shows several', () => {
    const explained = explainFailure(
      lines(`WARNING: No matching distribution found for optional-extra (ignored)
E: Unable to locate package libbar
`),
      R2D_FAILED
    );
    expect(explained?.kind).toBe('apt-not-found');
  });
});
