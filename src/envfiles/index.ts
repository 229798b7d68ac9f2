/**
 * Environment files for repo2docker, without any JupyterLab dependency:
 * the catalogue of files, what repo2docker will do with a folder, and
 * validation of unsaved text with exact positions.
 */
export { environmentFiles } from './files';
export type { IEnvironmentFileInfo } from './files';
export { ENVIRONMENT_FILE_NAMES, isConfigFileName } from './names';
export type { ConfigFileName, EnvironmentFileName } from './names';
export { parseRuntime } from './runtime';
export type {
  IRuntimeParse,
  IRuntimePart,
  IRuntimeSpec,
  RuntimeFailure
} from './runtime';
export { explainEnvironment } from './explain/explain';
export type { IExplainOptions } from './explain/explain';
export type * from './explain/types';
export { settleProblems } from './settle';
export { validateEnvironmentFile } from './validate';
export type { IEnvironmentFileInput, IValidateOptions } from './validate';
export { MAX_PROBLEMS_PER_FILE } from './validate/problems';
export { REPO2DOCKER_VERSION } from './repo2docker';
export type { IFileFacts, IProblem, Severity } from './types';
