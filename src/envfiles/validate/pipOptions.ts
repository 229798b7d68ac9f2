/**
 * pip options allowed in a requirements file (pip's "Requirements File
 * Format" reference), with the kind of value each takes.
 */

export type OptionValue =
  | 'none'
  | 'file'
  | 'editable'
  | 'url'
  | 'url-or-path'
  | 'formats'
  | 'host'
  | 'word';

export interface IPipOption {
  long: string;
  short?: string;
  value: OptionValue;
}

/** Options that may stand on a line of their own. */
export const LINE_OPTIONS: readonly IPipOption[] = [
  { long: '--requirement', short: '-r', value: 'file' },
  { long: '--constraint', short: '-c', value: 'file' },
  { long: '--editable', short: '-e', value: 'editable' },
  { long: '--index-url', short: '-i', value: 'url' },
  { long: '--extra-index-url', value: 'url' },
  { long: '--find-links', short: '-f', value: 'url-or-path' },
  { long: '--no-index', value: 'none' },
  { long: '--pre', value: 'none' },
  { long: '--prefer-binary', value: 'none' },
  { long: '--require-hashes', value: 'none' },
  { long: '--only-binary', value: 'formats' },
  { long: '--no-binary', value: 'formats' },
  { long: '--trusted-host', value: 'host' },
  { long: '--use-feature', value: 'word' }
];

/** Options that may follow a requirement on the same line. */
export const REQUIREMENT_OPTIONS: readonly IPipOption[] = [
  { long: '--hash', value: 'word' },
  { long: '--config-settings', short: '-C', value: 'word' },
  { long: '--global-option', value: 'word' }
];

/** Options that recent pip versions removed; a file using them fails to install. */
export const REMOVED_OPTIONS: readonly string[] = [
  '--install-option',
  '--allow-external',
  '--allow-all-external',
  '--allow-unverified',
  '--process-dependency-links',
  '--always-unzip',
  '-Z'
];

/** Digest lengths in hex characters of the hashes pip accepts. */
export const HASH_LENGTHS: Readonly<Record<string, number>> = {
  sha256: 64,
  sha384: 96,
  sha512: 128
};
