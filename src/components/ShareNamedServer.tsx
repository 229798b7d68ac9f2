/**
 * The course link that names a server, beside the Share section's launch link: the hub page
 * `configure()` adds creates or starts that named server for each student on the image, so a
 * default server that runs something else is left alone.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { namedServerLink } from '../links';
import { ShareModel } from '../model/share';

export function NamedServerLink(props: {
  model: ShareModel;
  trans: TranslationBundle;
  onCopy: (text: string) => void;
  idPrefix: string;
}): JSX.Element | null {
  const { model, trans, idPrefix } = props;
  const [server, setServer] = React.useState('');
  if (model.pristine || !model.result.ok) {
    return null;
  }
  const { hubUrl, content, environment } = model.request;
  // Only an image can be named in such a link: a BinderHub link builds, the default is the hub's.
  if (environment.kind !== 'image') {
    return null;
  }
  const id = `${idPrefix}-named-server`;
  const link = server.trim()
    ? namedServerLink(
        hubUrl ?? '',
        content,
        { image: environment.image, serverName: server },
        trans.__.bind(trans)
      )
    : null;
  return (
    <section
      className="jp-EnvBuilder-link"
      aria-label={trans.__('Course link into a named server')}
      data-testid="envbuilder-share-named-server"
    >
      <h3 className="jp-EnvBuilder-subtitle">
        {trans.__('Into a named server')}
      </h3>
      <p className="jp-EnvBuilder-muted">
        {trans.__(
          'Name a server, e.g. course-101: the link creates or starts it for each student on this image and pulls the content there, and their default server stays as it is.'
        )}
      </p>
      <div className="jp-EnvBuilder-field">
        <label htmlFor={id}>{trans.__('Server name')}</label>
        <input
          id={id}
          type="text"
          className="jp-mod-styled"
          value={server}
          placeholder={trans.__('e.g. course-101')}
          spellCheck={false}
          aria-invalid={link !== null && !link.ok}
          aria-describedby={link ? `${id}-out` : undefined}
          onChange={event => setServer(event.target.value)}
        />
      </div>
      {link?.ok && (
        <div className="jp-EnvBuilder-output">
          <code id={`${id}-out`} data-testid="envbuilder-share-named-url">
            {link.value}
          </code>
          <button
            type="button"
            className="jp-Button jp-mod-styled"
            onClick={() => props.onCopy(link.value)}
          >
            {trans.__('Copy')}
          </button>
        </div>
      )}
      {link && !link.ok && (
        <ul id={`${id}-out`} className="jp-EnvBuilder-fieldErrors">
          {link.errors.map(error => (
            <li key={error.field + error.message}>{error.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
