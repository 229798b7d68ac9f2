import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

import { EnvBuilderRequestError } from '../../api/request';
import { failureText } from '../../model/buildTexts';
import { errorText } from '../../model/errorText';

/** A translator that fills in the arguments, as JupyterLab's does. */
const __ = (text: string, ...args: unknown[]) =>
  text.replace(/%(\d)/g, (_, i) => String(args[Number(i) - 1]));

const ROOT = path.resolve(__dirname, '..', '..', '..');
const schemas = parse(
  fs.readFileSync(path.join(ROOT, 'specification', 'openapi.yaml'), 'utf-8')
).components.schemas;

/** Refusals of requests this page makes itself: a bug of the page, said as status and code. */
const REQUEST_SHAPE = [
  'badJson',
  'badQuery',
  'badPaths',
  'badChanges',
  'noImage'
];

function refusal(reason: string, details: Record<string, unknown> = {}) {
  return new EnvBuilderRequestError('400 English for the log', 400, {
    status: 400,
    reason,
    message: 'English for the log',
    ...details
  });
}

describe('the words for the server refusals', () => {
  it.each(
    (schemas.ErrorReason.enum as string[]).filter(
      code => !REQUEST_SHAPE.includes(code)
    )
  )(
    'has words of its own for %s, and never shows the server’s English',
    code => {
      const text = errorText(
        refusal(code, { path: 'environment/data.csv' }),
        __
      );
      expect(text).not.toMatch(/^The server refused the request/);
      expect(text).not.toContain('English');
    }
  );

  it('fills in the parameters the server sends', () => {
    expect(
      errorText(
        refusal('tooLargeFile', {
          path: 'environment/data.csv',
          limit: 1048576,
          setting: 'EnvBuilder.snapshot_max_file_size'
        }),
        __
      )
    ).toBe(
      "'environment/data.csv' is larger than 1.0 MiB, the most an environment file may be. Keep data out of the environment folder."
    );
  });

  it('says status and code for a code it has no words for', () => {
    expect(errorText(refusal('somethingNew'), __)).toBe(
      'The server refused the request (HTTP 400, somethingNew).'
    );
    expect(errorText(new EnvBuilderRequestError('gone', 0), __)).toBe(
      'This Jupyter server cannot be reached.'
    );
  });
});

describe('the words for failed build events', () => {
  const fallback = failureText({ phase: 'failed' }, __);

  it.each(
    (schemas.BuildEventError.enum as string[]).filter(c => c !== 'buildFailed')
  )('has words of its own for %s from the gateway', code => {
    expect(
      failureText({ phase: 'failed', error: code, gateway: true }, __)
    ).not.toBe(fallback);
  });

  it('says what the gateway measured', () => {
    expect(
      failureText(
        {
          phase: 'failed',
          error: 'rateLimited',
          retryAfter: 30,
          gateway: true
        },
        __
      )
    ).toBe(
      'The build service limits how often it builds: try again in 30 seconds.'
    );
    expect(
      failureText(
        {
          phase: 'failed',
          error: 'forbidden',
          status_code: 403,
          missingScope: 'access:services!service=binder',
          gateway: true
        },
        __
      )
    ).toContain('its token needs the scope access:services!service=binder');
  });
});
