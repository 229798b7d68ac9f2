/**
 * What a pasted source means: the BinderHub build spec it names, and the
 * content a launch should pull and open.
 */

/**
 * BinderHub's provider ids (`BinderHub.repo_providers`), the first segment
 * of its `/build/` and `/v2/` paths.
 */
export type ProviderId =
  | 'gh'
  | 'gl'
  | 'git'
  | 'zenodo'
  | 'figshare'
  | 'dataverse'
  | 'hydroshare'
  | 'ckan';

/**
 * Providers that build one version of an archive record: BinderHub's form
 * disables the ref for them, and their spec ends in "/".
 */
export const ARCHIVE_PROVIDERS: ReadonlySet<ProviderId> = new Set([
  'zenodo',
  'figshare',
  'dataverse',
  'hydroshare',
  'ckan'
]);

/**
 * The content a launch pulls with nbgitpuller and opens.
 */
export interface ISourceContent {
  /** The repository nbgitpuller clones. */
  repo: string;
  /** The branch it checks out; empty leaves the choice to nbgitpuller. */
  branch: string;
  /** Where the browser goes after the pull, relative to the server. */
  urlpath: string;
  /** The folder it clones into, when the link names one. */
  targetpath?: string;
  /** The `git-pull?…` request, relative to the user's server. */
  gitPull: string;
}

/**
 * A source, understood.
 */
export interface ISource {
  provider: ProviderId;
  /** The repository, DOI, record or dataset, as the provider names it. */
  repository: string;
  /** The branch, tag or commit to build; archives have none. */
  ref?: string;
  /** `{provider}/{spec}`: appended to a BinderHub's `build/` or `v2/`. */
  spec: string;
  /** Where a launch opens, relative to the new server; empty for its default page. */
  urlpath: string;
  /** The content the launch pulls, when `urlpath` is an nbgitpuller request. */
  content?: ISourceContent;
}

/**
 * What is wrong with the input, as a code the panel puts into words.
 */
export type SourceProblem =
  | 'empty'
  | 'notUnderstood'
  | 'unsupportedScheme'
  | 'credentialsInAddress'
  | 'noRepositoryPath'
  | 'unknownProvider'
  | 'incompleteSpec'
  | 'badEscape'
  | 'invalidRef'
  | 'refNotSupported'
  | 'invalidDoi'
  | 'doiRegistrantUnknown'
  | 'invalidHydroshareId'
  | 'invalidContent';

/**
 * The input a problem is about: the pasted text, or the separate ref field.
 */
export type SourceField = 'source' | 'ref';

export interface ISourceError {
  field: SourceField;
  code: SourceProblem;
  /** The part of the input the problem is about, when there is one. */
  value?: string;
}

export type SourceResult =
  { ok: true; value: ISource } | { ok: false; errors: ISourceError[] };
