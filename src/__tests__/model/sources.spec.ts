import { SourcesModel } from '../../model/sources';

describe('SourcesModel', () => {
  it('says what a pasted Binder link means and builds its spec', async () => {
    const built: string[] = [];
    let finish: () => void = () => undefined;
    const model = new SourcesModel({
      buildSpec: spec => {
        built.push(spec);
        return new Promise<void>(resolve => (finish = resolve));
      }
    });
    let changes = 0;
    model.changed.connect(() => changes++);

    model.setInput(
      'https://mybinder.org/v2/gh/binder-examples/requirements/HEAD?labpath=index.ipynb',
      ''
    );
    expect(changes).toBe(1);
    expect(model.result).toEqual({
      ok: true,
      value: expect.objectContaining({
        provider: 'gh',
        repository: 'binder-examples/requirements',
        urlpath: 'doc/tree/index.ipynb'
      })
    });

    const building = model.build();
    expect(model.building).toBe('gh/binder-examples/requirements/HEAD');
    // A second click while the build runs starts nothing more.
    await model.build();
    expect(built).toEqual(['gh/binder-examples/requirements/HEAD']);
    finish();
    await building;
    expect(model.building).toBeNull();
  });

  it('builds nothing from malformed input and names the field', async () => {
    const built: string[] = [];
    const model = new SourcesModel({
      buildSpec: async spec => {
        built.push(spec);
      }
    });
    model.setInput('https://github.com/org/repo', 'my branch');
    expect(model.result).toEqual({
      ok: false,
      errors: [{ field: 'ref', code: 'invalidRef', value: 'my branch' }]
    });
    await model.build();
    expect(built).toEqual([]);

    model.setInput('', '');
    expect(model.result).toBeNull();
  });

  it('keeps the ref of its own field', () => {
    const model = new SourcesModel({ buildSpec: async () => undefined });
    model.setInput('binder-examples/conda', 'v1.0');
    expect(model.result?.ok && model.result.value.spec).toBe(
      'gh/binder-examples/conda/v1.0'
    );
  });

  it('reads the link the hub page hands over as the Binder link it is', () => {
    const model = new SourcesModel({ buildSpec: null });
    const repo = encodeURIComponent('http://127.0.0.1:8699/env.git');
    const sha = '71e43002c9d124e31af5c1c055fa7be66d357228';
    model.setInput(
      `http://127.0.0.1:8660/hub/envbuilder/v2/git/${repo}/${sha}?urlpath=lab`,
      ''
    );
    expect(model.result).toEqual({
      ok: true,
      value: expect.objectContaining({
        provider: 'git',
        repository: 'http://127.0.0.1:8699/env.git',
        spec: `git/${repo}/${sha}`
      })
    });
    expect(model.canBuild).toBe(false);
  });
});

describe('SourcesModel, a DOI of an unknown registrant', () => {
  it('asks which archive holds it, and builds it from the archive picked', async () => {
    const built: string[] = [];
    const model = new SourcesModel({
      buildSpec: async spec => {
        built.push(spec);
      }
    });
    model.setInput('https://doi.org/10.18112/openneuro.ds000001.v1.0.0', '');
    expect(model.asksArchive).toBe(true);
    expect(model.result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          field: 'source',
          code: 'doiRegistrantUnknown'
        })
      ]
    });
    await model.build();
    expect(built).toEqual([]);

    model.setDoiProvider('dataverse');
    expect(model.asksArchive).toBe(true);
    expect(model.result).toEqual({
      ok: true,
      value: expect.objectContaining({
        provider: 'dataverse',
        spec: 'dataverse/10.18112/openneuro.ds000001.v1.0.0/'
      })
    });
    await model.build();
    expect(built).toEqual(['dataverse/10.18112/openneuro.ds000001.v1.0.0/']);

    // Taking the pick back asks again.
    model.setDoiProvider(null);
    expect(model.result?.ok).toBe(false);
  });

  it('leaves a DOI of a known archive to that archive, whatever was picked before', () => {
    const model = new SourcesModel({ buildSpec: async () => undefined });
    model.setInput('10.18112/openneuro.ds000001.v1.0.0', '');
    model.setDoiProvider('figshare');
    model.setInput('10.5281/zenodo.3242074', '');
    expect(model.asksArchive).toBe(false);
    expect(model.result).toEqual({
      ok: true,
      value: expect.objectContaining({
        provider: 'zenodo',
        spec: 'zenodo/10.5281/zenodo.3242074/'
      })
    });
  });
});
