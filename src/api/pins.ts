import { requestAPI } from './request';

/** One environment file as pinning would write it. */
export interface IPinChange {
  /** `requirements.txt` or `environment.yml`, in the environment folder. */
  file: string;
  /** Of the file as it was read: the server refuses to write over a file changed since. */
  fingerprint: string;
  text: string;
  /** A unified diff from the file on disk to `text`. */
  diff: string;
}

/** A package installed or upgraded by hand since the server started, not in the files. */
export interface IDriftEntry {
  name: string;
  version: string;
  change: 'added' | 'changed';
  /** The version at the start, for `changed`. */
  before?: string;
}

/** Answer of `GET envbuilder/pins`. */
export interface IPinProposal {
  changes: IPinChange[];
  /** Null when the package list at the server's start was not recorded. */
  drift: IDriftEntry[] | null;
}

export const pinsApi = {
  /** What pinning would write (nothing is written), with `add` added to the files. */
  propose(folder: string, add: readonly string[]): Promise<IPinProposal> {
    const query = new URLSearchParams({ folder });
    for (const name of add) {
      query.append('add', name);
    }
    return requestAPI<IPinProposal>(`pins?${query.toString()}`);
  },

  /** Write the accepted changes; 409 `fileChanged` when a file moved on since. */
  async write(
    folder: string,
    changes: readonly IPinChange[]
  ): Promise<string[]> {
    const answer = await requestAPI<{ written: string[] }>('pins', {
      method: 'POST',
      body: JSON.stringify({
        folder,
        changes: changes.map(({ file, fingerprint, text }) => ({
          file,
          fingerprint,
          text
        }))
      })
    });
    return answer.written;
  }
};

export type PinsApi = typeof pinsApi;
