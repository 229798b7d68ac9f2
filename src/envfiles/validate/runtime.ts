/**
 * runtime.txt: read exactly as repo2docker reads it (see ../runtime.ts),
 * then checked for the versions and dates repo2docker can build.
 */
import { FIRST_R_SNAPSHOT_DATE, R_VERSIONS } from '../repo2docker';
import {
  IRuntimeParse,
  IRuntimePart,
  IRuntimeSpec,
  parseRuntime
} from '../runtime';
import { Problems } from './problems';
import { checkPythonSupport } from './pythonSupport';
import { IFileSource } from './source';

const FORMS = 'python-3.12, r-4.4-2024-06-01 or r-2024-06-01';

function partEnd(part: IRuntimePart): number {
  return part.offset + part.value.length;
}

function checkUnreadable(parse: IRuntimeParse, problems: Problems): void {
  const __ = problems.__;
  const start = parse.offset;
  const end = start + parse.content.length;
  switch (parse.failure) {
    case 'empty':
      problems.error(
        'runtime-empty',
        0,
        null,
        __(
          'runtime.txt is empty, and repo2docker refuses an empty one. Write one line such as %1, or delete the file.',
          FORMS
        )
      );
      return;
    case 'empty-part': {
      const empty =
        parse.parts.find(part => part.value === '') ?? parse.parts[0];
      problems.error(
        'runtime-empty-part',
        Math.max(start, empty.offset - 1),
        Math.min(end, empty.offset + 1),
        __(
          'Something is missing around this "-". Write one line such as %1.',
          FORMS
        )
      );
      return;
    }
    case 'date': {
      const dateStart = parse.parts[parse.parts.length - 3].offset;
      problems.error(
        'runtime-date',
        dateStart,
        end,
        __(
          '"%1" is not a valid date; write it as YYYY-MM-DD, such as 2024-06-01.',
          parse.content.slice(dateStart - start)
        )
      );
      return;
    }
    default: {
      const python = /^python\s*[=\s]*(\d[\d.]*)$/i.exec(parse.content);
      problems.error(
        'runtime-format',
        start,
        end,
        python
          ? __(
              'repo2docker cannot read "%1": write python-%2.',
              parse.content,
              python[1]
            )
          : __(
              'repo2docker cannot read "%1": write one line such as %2.',
              parse.content,
              FORMS
            )
      );
    }
  }
}

function checkPython(
  parse: IRuntimeParse,
  spec: IRuntimeSpec,
  problems: Problems
): void {
  const __ = problems.__;
  const [, versionPart] = parse.parts;
  if (spec.version === null) {
    problems.warning(
      'runtime-python-date',
      parse.parts[1].offset,
      parse.offset + parse.content.length,
      __(
        'A date means nothing for Python, so repo2docker uses its default Python. Write python-3.12.'
      )
    );
    return;
  }
  if (spec.date !== null) {
    problems.warning(
      'runtime-date-ignored',
      parse.parts[2].offset - 1,
      parse.offset + parse.content.length,
      __(
        'repo2docker ignores the date for Python; write python-%1.',
        spec.version
      )
    );
  }
  const version = spec.version;
  const at = [versionPart.offset, partEnd(versionPart)] as const;
  if (!/^\d+(\.\d+)*$/.test(version)) {
    problems.error(
      'runtime-python-version',
      ...at,
      __(
        '"%1" is not a Python version; write for example python-3.12.',
        version
      )
    );
    return;
  }
  const numbers = version.split('.');
  if (numbers.length > 2) {
    problems.error(
      'runtime-python-patch',
      ...at,
      __(
        'repo2docker takes only the major and minor version: write python-%1.',
        numbers.slice(0, 2).join('.')
      )
    );
    return;
  }
  checkPythonSupport(version, 'runtime', problems, ...at);
}

function checkR(
  parse: IRuntimeParse,
  spec: IRuntimeSpec,
  problems: Problems
): void {
  const __ = problems.__;
  if (
    spec.version !== null &&
    !R_VERSIONS[spec.version] &&
    !/^\d+\.\d+\.\d+$/.test(spec.version)
  ) {
    const part = parse.parts[1];
    problems.error(
      'runtime-r-version',
      part.offset,
      partEnd(part),
      __(
        'repo2docker cannot install R "%1". Use one of %2, or a full version such as 4.4.1.',
        spec.version,
        Object.keys(R_VERSIONS).join(', ')
      )
    );
  }
  const end = parse.offset + parse.content.length;
  if (spec.date === null) {
    problems.warning(
      'runtime-r-no-date',
      parse.offset,
      end,
      __(
        'Without a date, runtime.txt does not select R: repo2docker uses Python unless a DESCRIPTION file selects R. Add a CRAN snapshot date, such as r-%1-2024-06-01.',
        spec.version
      )
    );
  } else if (spec.date < FIRST_R_SNAPSHOT_DATE) {
    const dateStart = parse.parts[parse.parts.length - 3].offset;
    problems.error(
      'runtime-r-date-too-old',
      dateStart,
      end,
      __(
        'CRAN snapshots from before %1 are no longer available; use %1 or a later date.',
        FIRST_R_SNAPSHOT_DATE
      )
    );
  }
}

export function validateRuntime(source: IFileSource, problems: Problems): void {
  const __ = problems.__;
  const parse = parseRuntime(source.text);
  const lines = parse.content.split(/\r\n|\n|\r/);
  if (lines.length > 1) {
    const second = parse.offset + lines[0].length + 1;
    problems.error(
      'runtime-one-line',
      second,
      parse.offset + parse.content.length,
      __(
        'runtime.txt must hold a single line, such as python-3.12; remove the other lines.'
      )
    );
    return;
  }
  if (!parse.spec) {
    checkUnreadable(parse, problems);
    return;
  }
  const name = parse.spec.name;
  const namePart = parse.parts[0];
  if (source.bom) {
    problems.error(
      'runtime-bom',
      0,
      null,
      __(
        'The file starts with an invisible byte-order mark, so repo2docker does not recognise "%1" and ignores this file. Save it as UTF-8 without a BOM.',
        name
      )
    );
    return;
  }
  const space = parse.content.search(/\s/);
  if (space >= 0) {
    problems.error(
      'runtime-space',
      parse.offset + space,
      parse.offset + space + 1,
      __('Remove the spaces: repo2docker reads "%1" literally.', parse.content)
    );
    return;
  }
  if (
    name !== name.toLowerCase() &&
    ['python', 'r', 'julia'].includes(name.toLowerCase())
  ) {
    problems.error(
      'runtime-name-case',
      namePart.offset,
      partEnd(namePart),
      __(
        'Write "%1" in lower case; repo2docker does not recognise "%2" and would ignore this file.',
        name.toLowerCase(),
        name
      )
    );
    return;
  }
  switch (name) {
    case 'python':
      checkPython(parse, parse.spec, problems);
      return;
    case 'r':
      checkR(parse, parse.spec, problems);
      return;
    case 'julia':
      problems.warning(
        'runtime-julia',
        namePart.offset,
        parse.offset + parse.content.length,
        __(
          'repo2docker takes the Julia version from Project.toml ([compat] julia = "1.10"), not from runtime.txt; this file is ignored.'
        )
      );
      return;
    default:
      problems.warning(
        'runtime-unknown',
        namePart.offset,
        partEnd(namePart),
        __(
          'repo2docker understands only python-… and r-… in runtime.txt; "%1" is ignored.',
          name
        )
      );
  }
}
