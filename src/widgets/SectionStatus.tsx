import { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import { ToneIcon } from '../components/OverviewView';
import { IFact } from '../model/overview';

/**
 * A section's status in its header ("2 problems", "Build failed", "Ready"), so a collapsed
 * section still tells its state. A section that sets it as its `toolbar` before it is added
 * gets it in its header: JupyterLab's side panel puts a section's toolbar there.
 */
export class SectionStatus extends ReactWidget {
  constructor(private readonly _trans: TranslationBundle) {
    super();
    this.addClass('jp-EnvBuilder-sectionStatus');
  }

  /** Show a status; null shows nothing. */
  set(status: IFact | null): void {
    const same =
      status?.text === this._status?.text &&
      status?.tone === this._status?.tone;
    if (!same) {
      this._status = status;
      this.update();
    }
  }

  protected render(): JSX.Element | null {
    const status = this._status;
    if (!status) {
      return null;
    }
    return (
      <span className="jp-EnvBuilder-sectionBadge" data-tone={status.tone}>
        <ToneIcon tone={status.tone} trans={this._trans} />
        <span>{status.text}</span>
      </span>
    );
  }

  private _status: IFact | null = null;
}
