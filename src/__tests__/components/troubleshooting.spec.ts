/**
 * docs/troubleshooting.md is keyed by what the user reads: every message of the handshake,
 * of the failure explainer and of a build that ends without one has an entry whose heading
 * starts the way the message does.
 */
import * as fs from 'fs';
import * as path from 'path';

import { EnvBuilderRequestError } from '../../api/request';
import { ICapability } from '../../api/types';
import { explainFailure } from '../../buildlog/failures';
import {
  buildWords,
  hubVersionWords,
  restartWords,
  storeWords
} from '../../components/handshakeText';
import { failureWords } from '../../components/handshakeFailureText';
import { defaultServerSettings } from '../../contract';
import { HandshakeFailureKind } from '../../model/handshakeFailure';
import {
  failureText,
  saveFailure,
  snapshotFailure,
  startFailure,
  unreachableFailure
} from '../../model/buildTexts';

const DOC = fs.readFileSync(
  path.join(__dirname, '..', '..', '..', 'docs', 'troubleshooting.md'),
  'utf-8'
);
const HEADINGS = DOC.split('\n')
  .filter(line => line.startsWith('### '))
  .map(line => normalize(line.slice(4)));

/** The message as written, its placeholders (%1) left in. */
const raw = (text: string) => text;
const trans = { __: raw };

function normalize(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(/`/g, '');
}

/** How a message starts: up to its first full stop, colon, comma or bracket. */
function opening(message: string): string {
  const text = normalize(message);
  const end = text.search(/\. |: |, | \(|\.$/);
  return (end < 0 ? text : text.slice(0, end)).trim();
}

/** A heading whose text has the message's opening, a placeholder standing for anything. */
function entryFor(message: string): string | undefined {
  const pattern = opening(message)
    .split(/%\d/)
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+?');
  return HEADINGS.find(heading => new RegExp(pattern).test(heading));
}

const capability = (code: string): ICapability =>
  ({ available: false, code, url: 'https://hub/services/binder/' }) as any;
const settings = defaultServerSettings();

const handshake: [string, string][] = [
  ['not running', 'The envbuilder server extension is not running'],
  ['versions', 'Versions do not match'],
  ...(
    [
      'refused',
      'serverError',
      'unavailable',
      'unreachable',
      'timeout',
      'notJson',
      'other'
    ] as HandshakeFailureKind[]
  ).map(
    kind =>
      [
        `no answer: ${kind}`,
        failureWords({ kind, status: 0, message: '' }, trans).title
      ] as [string, string]
  ),
  ...[
    'notConfigured',
    'missingScope',
    'refused',
    'unreachable',
    'notFound',
    'wrongBaseUrl',
    'binderSession',
    'someNewCode'
  ].map(
    code =>
      [`build ${code}`, buildWords(capability(code), settings, trans).text] as [
        string,
        string
      ]
  ),
  ...['notOnHub', 'missingScope', 'noSpawnOptions', 'binderSession'].map(
    code =>
      [
        `restart ${code}`,
        restartWords(capability(code), settings, trans).text
      ] as [string, string]
  ),
  // The plain sentence a user reads first, before the administrator's details.
  ...['notConfigured', 'missingScope', 'refused', 'unreachable'].map(
    code =>
      [
        `build ${code} (plain)`,
        buildWords(capability(code), settings, trans).plain ?? ''
      ] as [string, string]
  ),
  ...['missingScope', 'noSpawnOptions'].map(
    code =>
      [
        `restart ${code} (plain)`,
        restartWords(capability(code), settings, trans).plain ?? ''
      ] as [string, string]
  ),
  ...['notConfigured', 'unreachable', 'binderSession'].map(
    code =>
      [`store ${code}`, storeWords(capability(code), trans).text] as [
        string,
        string
      ]
  ),
  ...['notConfigured', 'unreachable', 'noVersion'].map(
    code =>
      [
        `hub version ${code}`,
        hubVersionWords(
          { hubVersionProblem: { code } } as any,
          trans as any
        ) as string
      ] as [string, string]
  )
];

const log = (line: string) => explainFailure([line], null, raw)?.title ?? '';
const failures: [string, string][] = [
  ['conda package', log('  └─ nothing provides requested libfoo')],
  ['conda package unnamed', log('PackagesNotFoundError: x')],
  ['conda unsolvable', log('Could not solve for environment specs')],
  ['pip', log('ERROR: No matching distribution found for foo')],
  ['apt', log('E: Unable to locate package foo')],
  ['postBuild', log('postBuild returned a non-zero code: 2')],
  [
    'forbidden',
    explainFailure([], { phase: 'failed', error: 'forbidden' }, raw)!.title
  ],
  [
    'session',
    explainFailure(
      [],
      { phase: 'failed', error: 'connect', status_code: 403 },
      raw
    )!.title
  ],
  [
    'rate limited',
    explainFailure([], { phase: 'failed', status_code: 429 }, raw)!.title
  ],
  ...['cut', 'connect', 'noImage', undefined].map(
    error =>
      [
        `build ended: ${error}`,
        failureText({ phase: 'failed', error }, raw)
      ] as [string, string]
  ),
  [
    'unreachable',
    unreachableFailure({ phase: 'unknown' }, 5, raw).message as string
  ],
  ...[
    { error: 'cut' },
    { error: 'unreachable' },
    { error: 'silent' },
    { error: 'notConfigured' },
    { error: 'notEventStream' },
    { error: 'forbidden' },
    { error: 'rateLimited' },
    { error: 'upstreamHttp', status_code: 404 },
    { error: 'upstreamHttp', status_code: 302 },
    { error: 'upstreamHttp', status_code: 502 },
    { error: 'upstreamHttp', status_code: 418 },
    { error: 'badSpec' },
    { error: 'gateway' },
    { error: 'notStarted' },
    { error: 'interrupted' }
  ].map(
    event =>
      [
        `gateway: ${event.error} ${event.status_code ?? ''}`,
        failureText({ phase: 'failed', gateway: true, ...event }, raw)
      ] as [string, string]
  ),
  ['save', saveFailure('x', raw).message as string],
  ['snapshot', snapshotFailure('x', 'environment', raw).message as string],
  [
    'files added',
    snapshotFailure(
      new EnvBuilderRequestError('409', 409, {
        reason: 'unconfirmedFiles',
        paths: ['apt.txt']
      }),
      'environment',
      raw
    ).message as string
  ],
  ['start', startFailure('x', raw).message as string]
];

describe('troubleshooting has an entry for every message', () => {
  it.each([...handshake, ...failures])('%s', (_, message) => {
    expect(message).not.toBe('');
    expect([opening(message), entryFor(message)]).toEqual([
      opening(message),
      expect.any(String)
    ]);
  });
});
