import { LabIcon } from '@jupyterlab/ui-components';

import environmentSvg from '../style/icons/environment.svg';

export const environmentIcon = new LabIcon({
  name: 'envbuilder:environment',
  svgstr: environmentSvg
});
