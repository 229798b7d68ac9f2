import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { ILaunchLink } from '../links';
import { ShareModel } from '../model/share';

export interface ILinkOutputsProps {
  model: ShareModel;
  trans: TranslationBundle;
  /** Put text on the system clipboard (from a click, so the browser allows it). */
  onCopy: (text: string) => void;
  /** Prefix of element ids, unique per view. */
  idPrefix: string;
}

/** The launch link in every form (URL, badges) with a copy button each, and its preview. */
export function LinkOutputs(props: ILinkOutputsProps): JSX.Element | null {
  const { model, trans } = props;
  const result = model.result;
  if (model.pristine) {
    return null;
  }
  if (!result.ok) {
    return (
      <p className="jp-EnvBuilder-muted" data-testid="envbuilder-share-no-link">
        {trans.__('Fix what is marked above to get a launch link.')}
      </p>
    );
  }
  const link: ILaunchLink = result.value;
  const outputs: { key: string; label: string; text: string }[] = [
    { key: 'url', label: trans.__('Link'), text: link.url },
    { key: 'markdown', label: trans.__('Markdown badge'), text: link.markdown },
    { key: 'html', label: trans.__('HTML'), text: link.html },
    { key: 'rst', label: trans.__('reStructuredText'), text: link.rst }
  ];
  return (
    <section
      className="jp-EnvBuilder-link"
      aria-label={trans.__('Launch link')}
      data-testid="envbuilder-share-link"
    >
      <h3 className="jp-EnvBuilder-subtitle">
        {trans.__('What students see')}
      </h3>
      <Badge
        url={link.url}
        imageUrl={model.badgeImageUrl}
        alt={model.badgeAlt}
      />
      <ul
        className="jp-EnvBuilder-summary"
        data-testid="envbuilder-share-summary"
      >
        {(model.summary ?? []).map(step => (
          <li key={step}>{step}</li>
        ))}
      </ul>
      {outputs.map(output => (
        <OutputRow
          key={output.key}
          name={output.key}
          label={output.label}
          text={output.text}
          {...props}
        />
      ))}
    </section>
  );
}

/** The badge as readers of a README will see it; its text when the image cannot load here. */
function Badge(props: {
  url: string;
  imageUrl: string;
  alt: string;
}): JSX.Element {
  const [failed, setFailed] = React.useState<string | null>(null);
  return (
    <a
      className="jp-EnvBuilder-badge"
      href={props.url}
      target="_blank"
      rel="noopener noreferrer"
    >
      {failed === props.imageUrl ? (
        <span className="jp-EnvBuilder-badgeText">{props.alt}</span>
      ) : (
        <img
          src={props.imageUrl}
          alt={props.alt}
          onError={() => setFailed(props.imageUrl)}
        />
      )}
    </a>
  );
}

function OutputRow(
  props: ILinkOutputsProps & { name: string; label: string; text: string }
): JSX.Element {
  const { trans, label, text } = props;
  const [copied, setCopied] = React.useState<string | null>(null);
  const copy = () => {
    props.onCopy(text);
    setCopied(text);
  };
  return (
    <div className="jp-EnvBuilder-output" data-output={props.name}>
      <div className="jp-EnvBuilder-outputHeader">
        <span>{label}</span>
        <button
          className="jp-Button jp-mod-minimal jp-EnvBuilder-copy"
          onClick={copy}
          aria-label={trans.__('Copy %1', label)}
        >
          {copied === text ? trans.__('Copied') : trans.__('Copy')}
        </button>
      </div>
      <pre
        tabIndex={0}
        aria-label={label}
        data-testid={`envbuilder-share-${props.name}`}
      >
        <code>{text}</code>
      </pre>
    </div>
  );
}

/** The form's free-text fields; each is also the link field its problems are reported on. */
