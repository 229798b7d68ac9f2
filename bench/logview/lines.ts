/**
 * A long build log, the same every time: what repo2docker, conda/mamba and pip print while
 * an environment builds, some of it in ANSI colours (pip's warnings and errors, mamba's
 * package table, 256-colour and 24-bit escapes) and some progress bars printed over with
 * carriage returns. Each line ends in "\n", as BinderHub's event messages do.
 */

/** mulberry32: a small seeded generator, so every run and both views get the same log. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PACKAGES = [
  'numpy',
  'pandas',
  'scipy',
  'matplotlib-base',
  'scikit-learn',
  'xarray',
  'dask-core',
  'requests',
  'urllib3',
  'certifi',
  'charset-normalizer',
  'idna',
  'jupyterlab',
  'ipykernel',
  'ipython',
  'traitlets',
  'tornado',
  'pyzmq',
  'libgcc-ng',
  'libstdcxx-ng',
  'openssl',
  'python',
  'libblas',
  'liblapack',
  'libopenblas',
  'zlib',
  'xz',
  'ncurses',
  'readline',
  'tk',
  'sqlite',
  'libffi',
  'bzip2',
  'ca-certificates',
  'pip',
  'setuptools',
  'wheel',
  'nbgitpuller',
  'altair',
  'bokeh',
  'pillow',
  'fonttools',
  'kiwisolver',
  'pyparsing',
  'cycler',
  'python-dateutil',
  'pytz',
  'tzdata',
  'six',
  'jinja2',
  'markupsafe',
  'pygments'
];
const CHANNELS = ['conda-forge', 'conda-forge/linux-64', 'conda-forge/noarch'];
const ESC = '\x1b[';

function version(next: () => number): string {
  return `${1 + Math.floor(next() * 4)}.${Math.floor(next() * 30)}.${Math.floor(next() * 12)}`;
}

function hex(next: () => number, length: number): string {
  let out = '';
  while (out.length < length) {
    out += Math.floor(next() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  }
  return out.slice(0, length);
}

function size(next: () => number): string {
  const kb = Math.floor(next() * 40000) + 3;
  return kb > 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
}

type Maker = (next: () => number, n: number) => string;

const pick = <T>(next: () => number, items: readonly T[]): T =>
  items[Math.floor(next() * items.length)];

// Weighted kinds of line; about one line in six carries escapes, one in forty a "\r".
const MAKERS: [number, Maker][] = [
  [
    8,
    (next, n) =>
      `Step ${(n % 51) + 1}/51 : RUN ${pick(next, ["TIMEFORMAT='time: %3R' bash -c 'time ${MAMBA_EXE} env update -p ${NB_PYTHON_PREFIX} --file \"environment.yml\"'", 'pip install --no-cache-dir -r "requirements.txt"', 'chown -R jovyan:jovyan ${REPO_DIR}', 'apt-get -qq update && apt-get -qq install --yes --no-install-recommends less unzip'])}`
  ],
  [6, next => ` ---> Running in ${hex(next, 12)}`],
  [5, next => `Removing intermediate container ${hex(next, 12)}`],
  [6, next => ` ---> ${hex(next, 12)}`],
  [
    14,
    next =>
      `  ${pick(next, PACKAGES).padEnd(24)}${version(next).padEnd(10)}py311h${hex(next, 7)}_0 ${pick(next, CHANNELS).padEnd(22)}${size(next)}`
  ],
  [10, next => `Collecting ${pick(next, PACKAGES)}==${version(next)}`],
  [
    10,
    next =>
      `  Downloading ${pick(next, PACKAGES)}-${version(next)}-py3-none-any.whl (${size(next)})`
  ],
  [
    8,
    next =>
      `Requirement already satisfied: ${pick(next, PACKAGES)}>=${version(next)} in /srv/conda/envs/notebook/lib/python3.11/site-packages (from -r requirements.txt (line ${1 + Math.floor(next() * 40)})) (${version(next)})`
  ],
  [
    4,
    next =>
      `Building wheel for ${pick(next, PACKAGES)} (pyproject.toml): ${pick(next, ['started', "finished with status 'done'"])}`
  ],
  [3, () => 'Collecting package metadata (repodata.json): ...working... done'],
  [2, () => 'Solving environment: ...working... done'],
  [
    5,
    next =>
      `${ESC}32m  + ${pick(next, PACKAGES)}${ESC}0m  ${version(next)}  py311h${hex(next, 7)}_0  ${ESC}2m${pick(next, CHANNELS)}${ESC}0m  ${pick(next, ['Cached', size(next)])}`
  ],
  [
    3,
    next =>
      `${ESC}33mWARNING: The script ${pick(next, PACKAGES)} is installed in '/home/jovyan/.local/bin' which is not on PATH.${ESC}0m`
  ],
  [
    2,
    next =>
      `${ESC}1;32mSuccessfully installed ${pick(next, PACKAGES)}-${version(next)} ${pick(next, PACKAGES)}-${version(next)} ${pick(next, PACKAGES)}-${version(next)}${ESC}0m`
  ],
  [
    1,
    next =>
      `${ESC}31mERROR: pip's dependency resolver does not currently take into account all the packages that are installed.${ESC}0m ${pick(next, PACKAGES)} ${version(next)} requires ${pick(next, PACKAGES)}<${version(next)}`
  ],
  [
    1,
    next =>
      `${ESC}38;5;208m${pick(next, PACKAGES)}${ESC}0m ${ESC}38;2;90;160;255m${version(next)}${ESC}0m ${ESC}1mlinux-64${ESC}22m`
  ],
  [
    2,
    next => {
      const name = pick(next, PACKAGES);
      const total = size(next);
      // A progress bar printed over twice, then done.
      return `${name.padEnd(20)} | ${total.padStart(9)} | ####5      |  45% \r${name.padEnd(20)} | ${total.padStart(9)} | ########   |  80% \r${name.padEnd(20)} | ${total.padStart(9)} | ########## | 100% `;
    }
  ],
  [3, next => `time: ${(next() * 300).toFixed(3)}`],
  [1, () => '']
];

const TOTAL_WEIGHT = MAKERS.reduce((sum, [weight]) => sum + weight, 0);

/** `count` log messages, each one line ending in "\n". */
export function buildLogLines(count: number, seed = 4242): string[] {
  const next = random(seed);
  const lines: string[] = new Array(count);
  for (let n = 0; n < count; n++) {
    let roll = next() * TOTAL_WEIGHT;
    let maker = MAKERS[0][1];
    for (const [weight, make] of MAKERS) {
      roll -= weight;
      if (roll < 0) {
        maker = make;
        break;
      }
    }
    lines[n] = maker(next, n) + '\n';
  }
  return lines;
}
