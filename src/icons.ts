import { LabIcon } from '@jupyterlab/ui-components';

import environmentSvg from '../style/icons/environment.svg';
import restartSvg from '../style/icons/restart.svg';
import warningSvg from '../style/icons/warning.svg';

export const environmentIcon = new LabIcon({
  name: 'envbuilder:environment',
  svgstr: environmentSvg
});

/** Stop this server and start it again on another image. */
export const restartIcon = new LabIcon({
  name: 'envbuilder:restart',
  svgstr: restartSvg
});

/** A warning: JupyterLab's icons have an error and an info sign, but no warning sign. */
export const warningIcon = new LabIcon({
  name: 'envbuilder:warning',
  svgstr: warningSvg
});
