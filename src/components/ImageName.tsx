import { TranslationBundle } from '@jupyterlab/translation';
import { copyIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

/**
 * An image by its readable name ("environment/ · snapshot d099dfd"), with the full name,
 * often 160 escaped characters, in the tooltip and behind a copy button.
 */
export function ImageName(props: {
  image: string;
  label: string;
  trans: TranslationBundle;
  onCopy: (text: string) => void;
  testId?: string;
}): JSX.Element {
  const { image, trans } = props;
  return (
    <span className="jp-EnvBuilder-image">
      <span
        className="jp-EnvBuilder-imageName"
        data-testid={props.testId}
        data-image={image}
        title={image}
      >
        {props.label}
      </span>
      <CopyImageButton image={image} trans={trans} onCopy={props.onCopy} />
    </span>
  );
}

/** The copy button of a full image name; its tooltip says when it has copied. */
export function CopyImageButton(props: {
  image: string;
  trans: TranslationBundle;
  onCopy: (text: string) => void;
  testId?: string;
}): JSX.Element {
  const { image, trans } = props;
  const [copied, setCopied] = React.useState(false);
  return (
    <button
      className="jp-Button jp-mod-minimal jp-EnvBuilder-iconButton"
      data-testid={props.testId}
      title={
        copied
          ? trans.__('Copied')
          : trans.__('Copy the full image name: %1', image)
      }
      aria-label={trans.__('Copy the full image name')}
      onClick={() => {
        props.onCopy(image);
        setCopied(true);
      }}
    >
      <copyIcon.react tag="span" />
    </button>
  );
}
