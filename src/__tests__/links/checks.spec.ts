import {
  checkRefName,
  checkRelativePath,
  checkRepositoryAddress,
  checkServiceAddress
} from '../../links/checks';
import { Problems } from '../../links/result';
import { noTranslation } from '../../translate';

function problems() {
  return new Problems(noTranslation);
}

describe('checkRepositoryAddress', () => {
  it('keeps the address as written, and reads its path from the text', () => {
    expect(
      checkRepositoryAddress(
        ' https://GitHub.com/Org//Course.git/ ',
        'repo',
        problems()
      )
    ).toEqual({
      url: 'https://GitHub.com/Org//Course.git/',
      host: 'github.com',
      segments: ['Org', 'Course.git']
    });
  });

  it('accepts plain http and addresses with a port', () => {
    expect(
      checkRepositoryAddress(
        'http://127.0.0.1:8080/café.git',
        'repo',
        problems()
      )?.segments
    ).toEqual(['café.git']);
  });

  it('reports the problem against the field it checks', () => {
    const found = problems();
    expect(
      checkRepositoryAddress('file:///x', 'environmentRepo', found)
    ).toBeUndefined();
    expect(found.errors.map(error => error.field)).toEqual(['environmentRepo']);
  });
});

describe('checkServiceAddress', () => {
  it.each([
    ['https://hub.example.org', 'https://hub.example.org/'],
    [
      ' https://Hub.Example.org:443/jupyter ',
      'https://hub.example.org/jupyter/'
    ],
    [
      'http://127.0.0.1:8000/@/space%20word/',
      'http://127.0.0.1:8000/@/space%20word/'
    ]
  ])('turns %j into the base URL %s', (value, base) => {
    expect(checkServiceAddress(value, 'hubUrl', problems())).toBe(base);
  });

  it.each([
    ['', "Enter the hub's address, for example https://hub.example.org."],
    [
      'hub.example.org',
      '“hub.example.org” is not a valid web address; it should start with https://.'
    ],
    [
      'ftp://hub.example.org',
      '“ftp://hub.example.org” is not a valid web address; it should start with https://.'
    ],
    [
      'https://hub.example.org/hub/home',
      "Give the hub's main address (for example https://hub.example.org), not the address of a page on it."
    ],
    [
      'https://hub.example.org/user/alice/lab',
      "Give the hub's main address (for example https://hub.example.org), not the address of a page on it."
    ],
    [
      'https://hub.example.org/?next=x',
      'Give only the address, without a user name, password, “?” or “#”.'
    ],
    [
      'https://alice:pw@hub.example.org',
      'Give only the address, without a user name, password, “?” or “#”.'
    ]
  ])('refuses the hub address %j', (value, message) => {
    const found = problems();
    expect(checkServiceAddress(value, 'hubUrl', found)).toBeUndefined();
    expect(found.errors).toEqual([{ field: 'hubUrl', message }]);
  });

  it('refuses a Binder launch link as the BinderHub address', () => {
    const found = problems();
    checkServiceAddress(
      'https://mybinder.org/v2/gh/org/env/HEAD',
      'binderUrl',
      found
    );
    expect(found.errors).toEqual([
      {
        field: 'binderUrl',
        message:
          "Give the BinderHub's main address (for example https://mybinder.org), not a launch link."
      }
    ]);
  });
});

describe('checkRefName', () => {
  it('trims the name and returns it', () => {
    expect(checkRefName(' release/2024 ', 'branch', problems())).toBe(
      'release/2024'
    );
  });
});

describe('checkRelativePath', () => {
  it('drops empty and "." segments', () => {
    expect(checkRelativePath('./a//b/./c/', 'path', problems())).toEqual([
      'a',
      'b',
      'c'
    ]);
    expect(checkRelativePath('', 'path', problems())).toEqual([]);
  });

  it('keeps spaces inside names', () => {
    expect(checkRelativePath(' week 1 /a.ipynb', 'path', problems())).toEqual([
      ' week 1 ',
      'a.ipynb'
    ]);
  });
});
