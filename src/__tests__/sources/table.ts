/**
 * Real-world sources, as people paste them, and what they mean.
 */
import { ISource } from '../../sources';

export interface ISourceCase {
  name: string;
  text: string;
  ref?: string;
  expected: Partial<ISource>;
}

export const SOURCES: ISourceCase[] = [
  {
    name: 'mybinder.org GitHub link at HEAD',
    text: 'https://mybinder.org/v2/gh/binder-examples/requirements/HEAD',
    expected: {
      provider: 'gh',
      repository: 'binder-examples/requirements',
      ref: 'HEAD',
      spec: 'gh/binder-examples/requirements/HEAD',
      urlpath: ''
    }
  },
  {
    name: 'mybinder.org link opening JupyterLab at a folder',
    text: 'https://mybinder.org/v2/gh/jupyterlab/jupyterlab-demo/HEAD?urlpath=lab/tree/demo',
    expected: {
      spec: 'gh/jupyterlab/jupyterlab-demo/HEAD',
      urlpath: 'lab/tree/demo'
    }
  },
  {
    name: 'mybinder.org link with labpath',
    text: 'https://mybinder.org/v2/gh/binder-examples/r/HEAD?labpath=index.ipynb',
    expected: {
      spec: 'gh/binder-examples/r/HEAD',
      urlpath: 'doc/tree/index.ipynb'
    }
  },
  {
    name: 'mybinder.org link with filepath on a branch',
    text: 'https://mybinder.org/v2/gh/binder-examples/requirements/master?filepath=index.ipynb',
    expected: {
      ref: 'master',
      spec: 'gh/binder-examples/requirements/master',
      urlpath: 'tree/index.ipynb'
    }
  },
  {
    name: 'labpath with spaces wins over urlpath',
    text: 'https://mybinder.org/v2/gh/org/repo/main?urlpath=lab&labpath=week%201/intro.ipynb',
    expected: { urlpath: 'doc/tree/week%201/intro.ipynb' }
  },
  {
    name: 'GESIS Notebooks link under a prefix',
    text: 'https://notebooks.gesis.org/binder/v2/gh/gesiscss/orc2/HEAD?labpath=index.ipynb',
    expected: {
      provider: 'gh',
      repository: 'gesiscss/orc2',
      spec: 'gh/gesiscss/orc2/HEAD',
      urlpath: 'doc/tree/index.ipynb'
    }
  },
  {
    name: 'a branch with "/" in a GitHub link',
    text: 'https://mybinder.org/v2/gh/org/repo/feature/new-plots',
    expected: {
      ref: 'feature/new-plots',
      spec: 'gh/org/repo/feature/new-plots'
    }
  },
  {
    name: 'a commit in a GitHub link',
    text: 'https://mybinder.org/v2/gh/org/repo/0123456789abcdef0123456789abcdef01234567',
    expected: { ref: '0123456789abcdef0123456789abcdef01234567' }
  },
  {
    name: 'GitLab link with a nested namespace',
    text: 'https://mybinder.org/v2/gl/mosaik%2Fexamples%2Fmosaik-tutorials-on-binder/HEAD',
    expected: {
      provider: 'gl',
      repository: 'mosaik/examples/mosaik-tutorials-on-binder',
      ref: 'HEAD',
      spec: 'gl/mosaik%2Fexamples%2Fmosaik-tutorials-on-binder/HEAD'
    }
  },
  {
    name: 'any git server',
    text: 'https://mybinder.org/v2/git/https%3A%2F%2Fcodeberg.org%2Forg%2Fanalysis.git/v2.1',
    expected: {
      provider: 'git',
      repository: 'https://codeberg.org/org/analysis.git',
      ref: 'v2.1',
      spec: 'git/https%3A%2F%2Fcodeberg.org%2Forg%2Fanalysis.git/v2.1'
    }
  },
  {
    name: 'Zenodo DOI link',
    text: 'https://mybinder.org/v2/zenodo/10.5281/zenodo.3242074/',
    expected: {
      provider: 'zenodo',
      repository: '10.5281/zenodo.3242074',
      spec: 'zenodo/10.5281/zenodo.3242074/'
    }
  },
  {
    name: 'Figshare DOI link with a version',
    text: 'https://mybinder.org/v2/figshare/10.6084/m9.figshare.9782777.v1/',
    expected: {
      provider: 'figshare',
      spec: 'figshare/10.6084/m9.figshare.9782777.v1/'
    }
  },
  {
    name: 'Dataverse DOI link',
    text: 'https://mybinder.org/v2/dataverse/10.7910/DVN/TJCLKP/',
    expected: {
      provider: 'dataverse',
      repository: '10.7910/DVN/TJCLKP',
      spec: 'dataverse/10.7910/DVN/TJCLKP/'
    }
  },
  {
    name: 'HydroShare link',
    text: 'https://mybinder.org/v2/hydroshare/8f7c2f0341ef4180b0dbe97f59130756/',
    expected: {
      provider: 'hydroshare',
      spec: 'hydroshare/8f7c2f0341ef4180b0dbe97f59130756/'
    }
  },
  {
    name: 'CKAN link',
    text: 'https://mybinder.org/v2/ckan/https%3A%2F%2Fdemo.ckan.org%2Fdataset%2Fsample-dataset-1/',
    expected: {
      provider: 'ckan',
      repository: 'https://demo.ckan.org/dataset/sample-dataset-1',
      spec: 'ckan/https%3A%2F%2Fdemo.ckan.org%2Fdataset%2Fsample-dataset-1/'
    }
  },
  {
    name: 'GitHub address',
    text: 'https://github.com/binder-examples/requirements',
    expected: {
      provider: 'gh',
      ref: 'HEAD',
      spec: 'gh/binder-examples/requirements/HEAD',
      urlpath: ''
    }
  },
  {
    name: 'GitHub clone address with .git and a trailing slash',
    text: 'https://github.com/binder-examples/requirements.git/',
    expected: {
      repository: 'binder-examples/requirements',
      spec: 'gh/binder-examples/requirements/HEAD'
    }
  },
  {
    name: 'GitHub tree of a branch with "/"',
    text: 'https://github.com/org/repo/tree/release/2024',
    expected: { ref: 'release/2024', spec: 'gh/org/repo/release/2024' }
  },
  {
    name: 'GitHub file page: the ref of the blob',
    text: 'https://github.com/org/repo/blob/v1.2/notebooks/a.ipynb',
    expected: { ref: 'v1.2', spec: 'gh/org/repo/v1.2' }
  },
  {
    name: 'GitHub shorthand with the ref field',
    text: 'binder-examples/conda',
    ref: 'v1.0',
    expected: {
      provider: 'gh',
      ref: 'v1.0',
      spec: 'gh/binder-examples/conda/v1.0'
    }
  },
  {
    name: 'the ref field wins over the address',
    text: 'https://github.com/org/repo/tree/main',
    ref: 'dev',
    expected: { ref: 'dev', spec: 'gh/org/repo/dev' }
  },
  {
    name: 'GitHub SSH address',
    text: 'git@github.com:org/repo.git',
    expected: { provider: 'gh', spec: 'gh/org/repo/HEAD' }
  },
  {
    name: 'GitLab tree in a subgroup',
    text: 'https://gitlab.com/group/sub/project/-/tree/dev',
    expected: {
      provider: 'gl',
      repository: 'group/sub/project',
      ref: 'dev',
      spec: 'gl/group%2Fsub%2Fproject/dev'
    }
  },
  {
    name: 'a self-hosted GitLab: any git server',
    text: 'https://git.example.org/team/env.git',
    ref: 'main',
    expected: {
      provider: 'git',
      repository: 'https://git.example.org/team/env.git',
      spec: 'git/https%3A%2F%2Fgit.example.org%2Fteam%2Fenv.git/main'
    }
  },
  {
    name: 'bare Zenodo DOI',
    text: '10.5281/zenodo.3242074',
    expected: { provider: 'zenodo', spec: 'zenodo/10.5281/zenodo.3242074/' }
  },
  {
    name: 'doi: prefix',
    text: 'doi:10.5281/zenodo.3242074',
    expected: { provider: 'zenodo', repository: '10.5281/zenodo.3242074' }
  },
  {
    name: 'DOI resolver address',
    text: 'https://doi.org/10.6084/m9.figshare.9782777.v1',
    expected: {
      provider: 'figshare',
      repository: '10.6084/m9.figshare.9782777.v1'
    }
  },
  {
    name: 'Zenodo record page',
    text: 'https://zenodo.org/records/3242074',
    expected: { provider: 'zenodo', spec: 'zenodo/10.5281/zenodo.3242074/' }
  },
  {
    name: 'Dataverse dataset page',
    text: 'https://dataverse.harvard.edu/dataset.xhtml?persistentId=doi:10.7910/DVN/TJCLKP',
    expected: { provider: 'dataverse', spec: 'dataverse/10.7910/DVN/TJCLKP/' }
  },
  {
    name: 'HydroShare resource page',
    text: 'https://www.hydroshare.org/resource/8f7c2f0341ef4180b0dbe97f59130756/',
    expected: {
      provider: 'hydroshare',
      repository: '8f7c2f0341ef4180b0dbe97f59130756'
    }
  },
  {
    name: 'CKAN dataset page',
    text: 'https://demo.ckan.org/dataset/sample-dataset-1',
    expected: {
      provider: 'ckan',
      spec: 'ckan/https%3A%2F%2Fdemo.ckan.org%2Fdataset%2Fsample-dataset-1/'
    }
  }
];

export interface IMalformedCase {
  name: string;
  text: string;
  ref?: string;
  errors: { field: string; code: string; value?: string }[];
}

export const MALFORMED: IMalformedCase[] = [
  {
    name: 'nothing',
    text: '   ',
    errors: [{ field: 'source', code: 'empty' }]
  },
  {
    name: 'words',
    text: 'my analysis repo',
    errors: [{ field: 'source', code: 'notUnderstood' }]
  },
  {
    name: 'an FTP address',
    text: 'ftp://example.org/repo',
    errors: [{ field: 'source', code: 'unsupportedScheme', value: 'ftp' }]
  },
  {
    name: 'an SSH address on another server',
    text: 'git@git.example.org:team/env.git',
    errors: [{ field: 'source', code: 'unsupportedScheme', value: 'ssh' }]
  },
  {
    name: 'a password in the address',
    text: 'https://user:secret@github.com/org/repo',
    errors: [{ field: 'source', code: 'credentialsInAddress' }]
  },
  {
    name: 'a server only',
    text: 'https://github.com/',
    errors: [{ field: 'source', code: 'noRepositoryPath' }]
  },
  {
    name: 'a Gist link',
    text: 'https://mybinder.org/v2/gist/user/0123abcd/HEAD',
    errors: [{ field: 'source', code: 'unknownProvider', value: 'gist' }]
  },
  {
    name: 'a GitHub link without the repository',
    text: 'https://mybinder.org/v2/gh/org',
    errors: [{ field: 'source', code: 'incompleteSpec', value: 'org' }]
  },
  {
    name: 'a broken escape',
    text: 'https://mybinder.org/v2/git/https%3A%2F%2Fexample.org%zz/main',
    errors: [{ field: 'source', code: 'badEscape' }]
  },
  {
    name: 'an impossible ref in the link',
    text: 'https://mybinder.org/v2/gh/org/repo/bad..ref',
    errors: [{ field: 'source', code: 'invalidRef', value: 'bad..ref' }]
  },
  {
    name: 'an impossible ref in the ref field',
    text: 'https://github.com/org/repo',
    ref: 'my branch',
    errors: [{ field: 'ref', code: 'invalidRef', value: 'my branch' }]
  },
  {
    name: 'a ref for an archive',
    text: '10.5281/zenodo.3242074',
    ref: 'main',
    errors: [{ field: 'ref', code: 'refNotSupported' }]
  },
  {
    name: 'a DOI of another registrant',
    text: '10.1371/journal.pcbi.1004668',
    errors: [
      {
        field: 'source',
        code: 'doiRegistrantUnknown',
        value: '10.1371/journal.pcbi.1004668'
      }
    ]
  },
  {
    name: 'a DOI without a suffix',
    text: 'doi:10.5281',
    errors: [{ field: 'source', code: 'invalidDoi', value: 'doi:10.5281' }]
  },
  {
    name: 'a Zenodo link with no DOI',
    text: 'https://mybinder.org/v2/zenodo/zenodo.3242074/',
    errors: [{ field: 'source', code: 'invalidDoi', value: 'zenodo.3242074' }]
  },
  {
    name: 'a HydroShare link without a resource id',
    text: 'https://mybinder.org/v2/hydroshare/my-resource/',
    errors: [
      { field: 'source', code: 'invalidHydroshareId', value: 'my-resource' }
    ]
  },
  {
    name: 'content from a file:// repository',
    text: 'https://mybinder.org/v2/gh/org/env/HEAD?urlpath=git-pull%3Frepo%3Dfile%3A%2F%2F%2Fetc%2Fcourse',
    errors: [
      { field: 'source', code: 'invalidContent', value: 'file:///etc/course' }
    ]
  }
];
