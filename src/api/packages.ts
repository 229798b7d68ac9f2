import { requestAPI } from './request';

/** An environment's packages, by canonical name (as pip compares them). */
export interface IInstalled {
  /** name → version, as pip reports them. */
  pip: Record<string, string>;
  /** name → version of conda's own packages; empty outside a conda environment. */
  conda: Record<string, string>;
  /** name → the name as pip writes it, for people. */
  display: Record<string, string>;
}

/** Answer of `GET envbuilder/packages[?image=]`. */
export interface IPackages {
  image: string | null;
  /** When the image's list was recorded (its first start); null for what runs now. */
  recordedAt: string | null;
  /** Null when no server has started on the image since lists are recorded. */
  installed: IInstalled | null;
  /** Whether this is what this server has installed now. */
  running: boolean;
}

export const packagesApi = {
  /** What an image resolved to, recorded at the first start of a server on it. */
  ofImage(image: string): Promise<IPackages> {
    const query = new URLSearchParams({ image });
    return requestAPI<IPackages>(`packages?${query.toString()}`);
  },

  /** What this server has installed now, packages installed by hand included. */
  running(): Promise<IPackages> {
    return requestAPI<IPackages>('packages');
  }
};

export type PackagesApi = typeof packagesApi;
