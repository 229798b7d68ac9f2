import { TranslationBundle } from '@jupyterlab/translation';
import {
  checkIcon,
  closeIcon,
  refreshIcon,
  ToolbarButtonComponent
} from '@jupyterlab/ui-components';
import * as React from 'react';

import { IBinderSession, ICapability, IHandshake } from '../api/types';
import { HandshakeState } from '../model/handshake';
import {
  buildWords,
  hubVersionWords,
  ICapabilityWords,
  restartWords,
  storeWords
} from './handshakeText';
import { failureWords } from './handshakeFailureText';

export interface IHandshakeViewProps {
  state: HandshakeState;
  frontendVersion: string;
  onRefresh: () => void;
  trans: TranslationBundle;
}

/** The server's identity on the hub and what it can do, or what an admin must fix. */
export function HandshakeView(props: IHandshakeViewProps): JSX.Element {
  const { state, trans } = props;
  return (
    <div className="jp-EnvBuilder-handshake" aria-live="polite">
      <div className="jp-EnvBuilder-toolbar">
        <ToolbarButtonComponent
          icon={refreshIcon}
          onClick={props.onRefresh}
          tooltip={trans.__('Check again')}
          enabled={state.kind !== 'loading'}
        />
      </div>
      <HandshakeBody {...props} />
    </div>
  );
}

function HandshakeBody(props: IHandshakeViewProps): JSX.Element {
  const { state, trans } = props;
  switch (state.kind) {
    case 'loading':
      return (
        <p className="jp-EnvBuilder-muted" role="status">
          {trans.__('Checking the server and the hub…')}
        </p>
      );
    case 'missing-extension':
      return (
        <Problem
          title={trans.__('The envbuilder server extension is not running')}
          text={trans.__(
            'The JupyterLab part of jupyterlab-envbuilder is installed, but the server part is missing or disabled. Ask your hub administrator to install the Python package in the image and enable it, then restart your server:'
          )}
          setting={
            'pip install jupyterlab-envbuilder\njupyter server extension enable jupyterlab_envbuilder'
          }
          trans={trans}
        />
      );
    case 'version-mismatch':
      return (
        <Problem
          title={trans.__('Versions do not match')}
          text={trans.__(
            'The server extension is version %1 but the JupyterLab extension is version %2. Reinstall jupyterlab-envbuilder so both parts come from one release, then restart your server:',
            state.handshake.version,
            props.frontendVersion
          )}
          setting={`pip install --force-reinstall jupyterlab-envbuilder==${props.frontendVersion}`}
          trans={trans}
        />
      );
    case 'error': {
      const words = failureWords(state.failure, trans);
      return (
        <Problem
          title={words.title}
          text={words.text}
          details={words.details}
          failure={state.failure.kind}
          trans={trans}
        />
      );
    }
    case 'ready':
      return <HandshakeDetails handshake={state.handshake} trans={trans} />;
  }
}

function HandshakeDetails(props: {
  handshake: IHandshake;
  trans: TranslationBundle;
}): JSX.Element {
  const { handshake, trans } = props;
  const hub = handshake.hub;
  return (
    <div>
      <dl className="jp-EnvBuilder-facts">
        <dt>{trans.__('Server')}</dt>
        <dd data-testid="envbuilder-server">
          {hub === null
            ? trans.__('not on a JupyterHub')
            : hub.serverName === ''
              ? trans.__('%1 (default server)', hub.user)
              : `${hub.user} / ${hub.serverName}`}
        </dd>
        {handshake.binder && (
          <BinderLaunch binder={handshake.binder} trans={trans} />
        )}
        {hub !== null && (
          <>
            <dt>{trans.__('Hub')}</dt>
            <dd data-testid="envbuilder-hub-version">
              {hubVersionWords(hub, trans)}
            </dd>
          </>
        )}
        <dt>{trans.__('Image')}</dt>
        <dd data-testid="envbuilder-image">
          {handshake.image ?? trans.__('not known (the spawner sets no image)')}
        </dd>
        <dt>{trans.__('Extension')}</dt>
        <dd>{handshake.version}</dd>
      </dl>
      <ul className="jp-EnvBuilder-capabilities">
        <CapabilityItem
          name="build"
          label={trans.__('Build service')}
          capability={handshake.capabilities.build}
          words={buildWords(
            handshake.capabilities.build,
            handshake.settings,
            trans
          )}
          trans={trans}
        />
        <CapabilityItem
          name="restart"
          label={trans.__('Restart onto a new image')}
          capability={handshake.capabilities.restart}
          words={restartWords(
            handshake.capabilities.restart,
            handshake.settings,
            trans
          )}
          trans={trans}
        >
          {hub !== null && !handshake.binder && (
            <p
              className="jp-EnvBuilder-reason"
              data-testid="envbuilder-manual-restart"
            >
              {trans.__(
                'You can still do it by hand: on the hub home page, stop this server, then start it again and give the new image in its options.'
              )}{' '}
              <a href={`${hub.hubPrefix}home`} target="_blank" rel="noreferrer">
                {trans.__('Open the hub home page')}
              </a>
            </p>
          )}
        </CapabilityItem>
        {handshake.capabilities.snapshotStore && (
          <CapabilityItem
            name="snapshotStore"
            label={trans.__('Shared builds (snapshot store)')}
            capability={handshake.capabilities.snapshotStore}
            words={storeWords(handshake.capabilities.snapshotStore, trans)}
            trans={trans}
          />
        )}
      </ul>
    </div>
  );
}

/**
 * A web address opened in a new tab, shown without its scheme and final slash unless given
 * words; anything but http(s) is shown as text, not followed.
 */
function Link(props: { href: string; children?: React.ReactNode }) {
  if (!/^https?:\/\//i.test(props.href)) {
    return <span>{props.href}</span>;
  }
  return (
    <a href={props.href} target="_blank" rel="noreferrer" title={props.href}>
      {props.children ??
        props.href.replace(/^https?:\/\//i, '').replace(/\/$/, '')}
    </a>
  );
}

/** Which BinderHub launched this server, and from which repository and commit. */
function BinderLaunch(props: {
  binder: IBinderSession;
  trans: TranslationBundle;
}): JSX.Element {
  const { binder, trans } = props;
  return (
    <>
      <dt>{trans.__('Launched by')}</dt>
      <dd data-testid="envbuilder-binder">
        {binder.launchHost ? (
          <Link href={binder.launchHost} />
        ) : (
          trans.__('a BinderHub')
        )}
      </dd>
      {binder.repoUrl && (
        <>
          <dt>{trans.__('Repository')}</dt>
          <dd data-testid="envbuilder-binder-repo">
            <Link href={binder.repoUrl} />
            {binder.refUrl && (
              <>
                {' '}
                <Link href={binder.refUrl}>{trans.__('(commit)')}</Link>
              </>
            )}
          </dd>
        </>
      )}
    </>
  );
}

function CapabilityItem(props: {
  name: string;
  label: string;
  capability: ICapability;
  /** Why it is not available and what an admin sets (used only then). */
  words: ICapabilityWords;
  trans: TranslationBundle;
  /** Shown when the capability is not available: what the user can do meanwhile. */
  children?: React.ReactNode;
}): JSX.Element {
  const { capability, words, trans } = props;
  const Icon = capability.available ? checkIcon : closeIcon;
  return (
    <li
      className="jp-EnvBuilder-capability"
      data-capability={props.name}
      data-available={capability.available}
    >
      <div className="jp-EnvBuilder-capabilityHeader">
        <Icon.react
          tag="span"
          className={
            capability.available
              ? 'jp-EnvBuilder-ok'
              : 'jp-EnvBuilder-unavailable'
          }
        />
        <span>{props.label}</span>
        <span className="jp-EnvBuilder-muted">
          {capability.available
            ? trans.__('available')
            : trans.__('not available')}
        </span>
      </div>
      {!capability.available && (
        <p className="jp-EnvBuilder-reason" data-code={capability.code}>
          {words.plain ?? words.text}
        </p>
      )}
      {!capability.available && props.children}
      {!capability.available && (words.plain || words.adminSetting) && (
        <details
          className="jp-EnvBuilder-disclosure"
          data-testid={`envbuilder-admin-${props.name}`}
        >
          <summary>{trans.__('For your administrator')}</summary>
          {words.plain && <p className="jp-EnvBuilder-reason">{words.text}</p>}
          {words.adminSetting && (
            <AdminSetting setting={words.adminSetting} trans={trans} />
          )}
        </details>
      )}
    </li>
  );
}

function Problem(props: {
  title: string;
  text: string;
  setting?: string;
  /** What came back, behind a disclosure. */
  details?: string;
  /** The kind of failure, for tests and styles. */
  failure?: string;
  trans: TranslationBundle;
}): JSX.Element {
  return (
    <div
      className="jp-EnvBuilder-problem"
      role="alert"
      data-failure={props.failure}
    >
      <h3>{props.title}</h3>
      <p>{props.text}</p>
      {props.setting && (
        <AdminSetting setting={props.setting} trans={props.trans} />
      )}
      {props.details && (
        <details className="jp-EnvBuilder-disclosure">
          <summary>{props.trans.__('Details')}</summary>
          <pre className="jp-EnvBuilder-failureDetails">
            <code>{props.details}</code>
          </pre>
        </details>
      )}
    </div>
  );
}

function AdminSetting(props: {
  setting: string;
  trans: TranslationBundle;
}): JSX.Element {
  const [copied, setCopied] = React.useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(props.setting);
    setCopied(true);
  };
  return (
    <div className="jp-EnvBuilder-adminSetting">
      <span className="jp-EnvBuilder-muted">
        {props.trans.__('Admin setting:')}
      </span>
      <pre>
        <code>{props.setting}</code>
      </pre>
      <button
        className="jp-Button jp-mod-minimal jp-EnvBuilder-copy"
        onClick={() => void copy()}
      >
        {copied ? props.trans.__('Copied') : props.trans.__('Copy')}
      </button>
    </div>
  );
}
