import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { ISendRequest } from '../model/sendFiles';

/** Bytes in the units people read: bytes, KiB, MiB. */
export function formatBytes(bytes: number, trans: TranslationBundle): string {
  if (bytes < 1024) {
    return trans._n('%1 byte', '%1 bytes', bytes);
  }
  if (bytes < 1024 * 1024) {
    return trans.__('%1 KiB', (bytes / 1024).toFixed(1));
  }
  return trans.__('%1 MiB', (bytes / (1024 * 1024)).toFixed(1));
}

export interface ISendFilesViewProps {
  request: ISendRequest;
  trans: TranslationBundle;
}

/**
 * The files a build would send, with their sizes, new ones marked: the body of the question
 * asked before the first build of a folder. Where it is shown (a dialog, a section) is up to
 * the caller; the list scrolls on its own and can be reached and scrolled by keyboard.
 */
export function SendFilesView(props: ISendFilesViewProps): JSX.Element {
  const { request, trans } = props;
  const newCount = request.files.filter(f => f.isNew).length;
  const captionId = React.useId();
  return (
    <div
      className="jp-EnvBuilder-sendFiles"
      data-testid="envbuilder-send-files"
    >
      <p>
        {request.firstTime
          ? trans.__(
              'This is the first build of %1. These files will be sent to build the image:',
              `${request.folder}/`
            )
          : trans._n(
              '%2 holds %1 file that was not sent before (marked new). These files will be sent:',
              '%2 holds %1 files that were not sent before (marked new). These files will be sent:',
              newCount,
              `${request.folder}/`
            )}
      </p>
      <div
        className="jp-EnvBuilder-sendFilesList"
        role="region"
        aria-labelledby={captionId}
        tabIndex={0}
      >
        <table>
          <caption id={captionId}>
            {trans._n(
              '%1 file, %2',
              '%1 files, %2',
              request.files.length,
              formatBytes(request.totalBytes, trans)
            )}
          </caption>
          <thead>
            <tr>
              <th scope="col">{trans.__('File')}</th>
              <th scope="col">{trans.__('Size')}</th>
            </tr>
          </thead>
          <tbody>
            {request.files.map(file => (
              <tr key={file.path} data-new={file.isNew}>
                <td>
                  <code>{file.path}</code>
                  {file.isNew && !request.firstTime && (
                    <span className="jp-EnvBuilder-sendFilesNew">
                      {trans.__('new')}
                    </span>
                  )}
                </td>
                <td className="jp-EnvBuilder-sendFilesSize">
                  {formatBytes(file.size, trans)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="jp-EnvBuilder-muted">
        {request.store
          ? trans.__(
              'They go to the hub’s snapshot store and into the image: anyone who can use the image can read them. Leave out anything secret.'
            )
          : trans.__(
              'The build service reads them from this server and copies them into the image: anyone who can use the image can read them. Leave out anything secret.'
            )}
      </p>
    </div>
  );
}
