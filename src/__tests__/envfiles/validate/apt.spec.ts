import { found } from './helpers';

const apt = (text: string) => found('apt.txt', text);

describe('apt.txt', () => {
  it('accepts names, comments anywhere and blank lines', () => {
    expect(
      apt(
        '# tools\r\n\r\nlibgl1-mesa-glx\ng++  # compiler\nlibc6.1\n  r-base-dev\n'
      )
    ).toEqual([]);
  });

  it.each([
    ['-y', '1:1 apt-name-start'],
    ['x', '1:1 apt-short-name'],
    ['libfoo:i386', '1:7 apt-invalid-char'],
    ['ffmpeg;rm', '1:7 apt-invalid-char'],
    ['python3-*', '1:9 apt-invalid-char'],
    ['sudo apt install curl', '1:1 apt-command'],
    ['vim=2:8.2.3995-1ubuntu2', '1:4 apt-version-pin']
  ])('%j', (text, problem) => {
    expect(apt(text)).toEqual([problem]);
  });

  it('checks every word of a line with several packages', () => {
    expect(apt('curl Wget\n')).toEqual([
      '1:6 apt-several-per-line',
      '1:6 apt-uppercase'
    ]);
  });
});
