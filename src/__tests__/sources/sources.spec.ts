import { binderLink } from '../../links';
import { readSource, sourceProblemMessage, SourceProblem } from '../../sources';
import { MALFORMED, SOURCES } from './table';
import { noTranslation } from '../../translate';

describe('readSource', () => {
  it.each(SOURCES)('reads $name', ({ text, ref, expected }) => {
    const result = readSource(text, { ref });
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining(expected)
    });
  });

  it.each(MALFORMED)('reports $name at its field', ({ text, ref, errors }) => {
    expect(readSource(text, { ref })).toEqual({ ok: false, errors });
  });

  it.each(SOURCES)(
    'builds the same spec again from a link to $name',
    ({ text, ref }) => {
      const first = readSource(text, { ref });
      if (!first.ok) {
        throw new Error(JSON.stringify(first.errors));
      }
      const again = readSource(
        `https://binder.example.org/v2/${first.value.spec}`
      );
      expect(again).toEqual({
        ok: true,
        value: expect.objectContaining({
          spec: first.value.spec,
          repository: first.value.repository
        })
      });
    }
  );

  it('opens what BinderHub’s own client opens', async () => {
    const { LaunchSpec } = await import(
      '@jupyterhub/binderhub-client/spec.js' as string
    );
    const links = SOURCES.filter(
      ({ text }) => text.includes('/v2/') && text.includes('?')
    );
    expect(links.length).toBeGreaterThanOrEqual(5);
    for (const { text } of links) {
      const result = readSource(text);
      const launch = LaunchSpec.fromSearchParams(new URL(text).searchParams);
      expect(result.ok && result.value.urlpath).toBe(launch.urlPath);
    }
  });

  it('reads the content of a launch link made by the link builder', () => {
    const link = binderLink(
      {
        repo: 'https://github.com/org/course',
        branch: 'main',
        path: 'week 1/intro.ipynb'
      },
      {
        binderUrl: 'https://mybinder.org',
        repo: 'https://github.com/org/course-env',
        ref: 'v3'
      }
    );
    expect(link.ok).toBe(true);
    const result = readSource(link.ok ? link.value : '');
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        provider: 'gh',
        repository: 'org/course-env',
        ref: 'v3',
        spec: 'gh/org/course-env/v3',
        content: {
          repo: 'https://github.com/org/course',
          branch: 'main',
          urlpath: 'lab/tree/course/week%201/intro.ipynb',
          gitPull:
            'git-pull?repo=https%3A%2F%2Fgithub.com%2Forg%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fweek%25201%2Fintro.ipynb'
        }
      })
    });
  });

  it('keeps the target folder of the content and a leading "/" off urlpath', () => {
    const pull = new URLSearchParams({
      repo: 'https://gitlab.com/course/material.git',
      urlpath: '/lab/tree/notes/a.ipynb',
      targetpath: 'notes'
    });
    const text = `https://notebooks.gesis.org/binder/v2/gh/org/env/main?${new URLSearchParams({ urlpath: `/git-pull?${pull}` })}`;
    const result = readSource(text);
    expect(result.ok && result.value.content).toEqual({
      repo: 'https://gitlab.com/course/material.git',
      branch: '',
      urlpath: 'lab/tree/notes/a.ipynb',
      targetpath: 'notes',
      gitPull:
        'git-pull?repo=https%3A%2F%2Fgitlab.com%2Fcourse%2Fmaterial.git&urlpath=lab%2Ftree%2Fnotes%2Fa.ipynb&targetpath=notes'
    });
  });

  it('builds a DOI of another registrant in the archive the user picks', () => {
    expect(
      readSource('10.18112/openneuro.ds000001.v1.0.0', {
        doiProvider: 'dataverse'
      })
    ).toEqual({
      ok: true,
      value: expect.objectContaining({
        provider: 'dataverse',
        spec: 'dataverse/10.18112/openneuro.ds000001.v1.0.0/'
      })
    });
  });

  it('never returns a spec with spaces or an empty part', () => {
    for (const { text, ref } of SOURCES) {
      const result = readSource(text, { ref });
      const spec = result.ok ? result.value.spec : '';
      expect(spec).not.toMatch(/\s|\/\/|^\//);
    }
  });
});

describe('sourceProblemMessage', () => {
  it('says every problem in its own words, with the part of the input', () => {
    const codes = new Set(
      MALFORMED.flatMap(({ errors }) => errors.map(({ code }) => code))
    );
    const messages = [...codes].map(code =>
      sourceProblemMessage(
        { field: 'source', code: code as SourceProblem, value: 'X-1' },
        noTranslation
      )
    );
    expect(new Set(messages).size).toBe(codes.size);
    expect(
      sourceProblemMessage(
        { field: 'ref', code: 'invalidRef', value: 'my branch' },
        noTranslation
      )
    ).toContain('my branch');
  });
});
