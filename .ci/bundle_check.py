"""Check that a folder holds only what a release ships: a minified labextension without
source maps, and no tests. Prints each problem and exits 1 if there is one.

    python .ci/bundle_check.py FOLDER   # an unpacked wheel, or a labextension folder
"""

import re
import sys
from pathlib import Path

TESTS = re.compile(
    r"(^|/)(tests?|__tests__|fixtures)/|\.(spec|test)\.[jt]sx?$|(^|/)test_[^/]*\.py$|(^|/)conftest\.py$"
)
# A map comment starts its own line; css-loader's runtime only holds the text in a string.
MAP_COMMENT = re.compile(r"^\s*(//|/\*)[#@] sourceMappingURL=", re.MULTILINE)
# The stylesheet travels as a template literal that JupyterLab's builder keeps as written;
# only the code around it is judged.
TEMPLATE_LITERAL = re.compile(r"`[^`]*`")


def problems(root: Path):
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        name = path.relative_to(root).as_posix()
        if TESTS.search(name):
            yield f"test file: {name}"
        elif path.suffix == ".map":
            yield f"source map: {name}"
        elif path.suffix == ".js" and "/static/" in f"/{name}":
            text = path.read_text(encoding="utf-8", errors="replace")
            if MAP_COMMENT.search(text):
                yield f"points at a source map: {name}"
            # A minified chunk is a few long lines; a development chunk is many short ones
            # and keeps webpack's module markers. Tiny chunks say nothing either way.
            code = TEMPLATE_LITERAL.sub("``", text)
            lines = code.count("\n") + 1
            if len(code) >= 4096 and (len(code) / lines < 300 or "/***/" in code):
                yield f"not minified ({len(code)} bytes of code in {lines} lines): {name}"


if __name__ == "__main__":
    found = list(problems(Path(sys.argv[1])))
    print("\n".join(found))
    sys.exit(1 if found else 0)
