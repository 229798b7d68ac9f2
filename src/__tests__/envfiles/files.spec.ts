import { environmentFiles, validateEnvironmentFile } from '../../envfiles';

describe('environmentFiles', () => {
  it('lists the fourteen repo2docker configuration files once each', () => {
    const names = environmentFiles().map(f => f.name);
    expect(new Set(names).size).toBe(14);
    expect(names).toEqual(
      expect.arrayContaining([
        'environment.yml',
        'requirements.txt',
        'apt.txt',
        'postBuild',
        'start',
        'runtime.txt',
        'install.R',
        'DESCRIPTION',
        'Project.toml',
        'Pipfile',
        'Pipfile.lock',
        'setup.py',
        'default.nix',
        'Dockerfile'
      ])
    );
  });

  it('gives each file a one-line description and a starter ending in a newline', () => {
    for (const file of environmentFiles()) {
      expect(file.description).not.toContain('\n');
      expect(file.description.length).toBeGreaterThan(20);
      expect(file.starter.endsWith('\n')).toBe(true);
    }
  });

  it.each(environmentFiles().map(f => [f.name, f.starter]))(
    'the %s starter has no problems',
    (name, starter) => {
      expect(validateEnvironmentFile({ path: name, text: starter })).toEqual(
        []
      );
    }
  );

  it('tells what a Dockerfile does to the other files', () => {
    const dockerfile = environmentFiles().find(f => f.name === 'Dockerfile');
    expect(dockerfile?.description).toContain('every other file');
  });

  it('translates the descriptions', () => {
    const files = environmentFiles(msg => `[fr] ${msg}`);
    expect(files.every(f => f.description.startsWith('[fr] '))).toBe(true);
  });
});
