/** The "Server and hub" section's handshake view in a page, as the section shows it. */
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';

import { HandshakeView } from '../../components/HandshakeView';
import { HandshakeState } from '../../model/handshake';

export const trans = nullTranslator.load('jupyterlab_envbuilder');

/** The view of `state`, attached to the page and drawn; its node. */
export async function shownHandshake(
  state: HandshakeState
): Promise<HTMLElement> {
  const widget = ReactWidget.create(
    <HandshakeView
      state={state}
      frontendVersion="1.2.3"
      onRefresh={() => undefined}
      trans={trans}
    />
  );
  Widget.attach(widget, document.body);
  await new Promise(resolve => setTimeout(resolve, 50));
  return widget.node;
}
