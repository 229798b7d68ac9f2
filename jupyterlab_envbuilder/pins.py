"""Pinned environment files and drift, from what the running environment has installed.

- ``propose_pins``: the environment folder's ``requirements.txt`` and ``environment.yml`` with
  every package they name pinned to the version that runs now (``==``), plus any packages the
  user chose to add, as new texts and unified diffs. Nothing is written here: the user sees the
  diff first, and ``write_pins`` writes only what was proposed, and only if the file has not
  changed since.
- ``find_drift``: packages added or changed since the server started (``packages.read_baseline``)
  that the files do not name.

Files are edited line by line so comments, options and order survive; a line this module does
not understand is left as it is.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import re
from typing import Any

from packaging.requirements import InvalidRequirement, Requirement

from .packages import Installed, canonical

REQUIREMENTS = "requirements.txt"
ENVIRONMENT = "environment.yml"

# A conda spec's name, after an optional `channel::`; the rest (version, build) is replaced.
_CONDA_SPEC = re.compile(r"^(?P<channel>[\w./:-]+::)?(?P<name>[A-Za-z0-9_.-]+)(?P<rest>.*)$")
# A YAML list item: indentation, "- ", the value, an optional comment.
_ITEM = re.compile(r"^(?P<indent>\s*)-\s+(?P<value>[^#]*?)(?P<comment>\s+#.*)?$")


class PinError(Exception):
    """A file changed between the proposal and the write."""


def _pip_line(line: str, installed: Installed, named: set[str]) -> str:
    """One requirements line, pinned when it names an installed package."""
    body, hash_, comment = line.partition("#")
    # A "#" is a comment only at the start or after whitespace (pip's rule).
    if hash_ and body and not body[-1].isspace():
        return line
    text = body.strip()
    if not text or text.startswith("-") or "://" in text or "@" in text:
        return line
    try:
        requirement = Requirement(text)
    except InvalidRequirement:
        return line
    name = canonical(requirement.name)
    named.add(name)
    version = installed.pip.get(name)
    if version is None:
        return line
    extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
    marker = f"; {requirement.marker}" if requirement.marker else ""
    pinned = f"{requirement.name}{extras}=={version}{marker}"
    return pinned + (f"  #{comment}" if hash_ else "")


def pin_requirements(text: str, installed: Installed, add: list[str]) -> tuple[str, set[str]]:
    """``requirements.txt`` pinned; also the names it declares."""
    named: set[str] = set()
    lines = [_pip_line(line, installed, named) for line in text.splitlines()]
    lines += _additions(add, named, installed.pip, installed, "==")
    return _join(lines, text), named


def pin_environment(text: str, installed: Installed, add: list[str]) -> tuple[str, set[str]]:
    """``environment.yml`` pinned: conda packages ``name==version``, its pip list as pip pins.

    Packages to add go to the pip list (they came from ``pip install``), which is created when
    there is none.
    """
    named: set[str] = set()
    lines = text.splitlines()
    out: list[str] = []
    section: str | None = None  # "conda" inside dependencies, "pip" inside its pip list
    dependency_indent = pip_indent = -1
    pip_end = -1
    for line in lines:
        stripped = line.strip()
        indent = len(line) - len(line.lstrip())
        if stripped and not stripped.startswith("#"):
            if indent == 0 and not stripped.startswith("-"):
                section = "conda" if stripped.rstrip() == "dependencies:" else None
            elif section == "pip" and indent <= pip_indent:
                section = "conda"
        item = _ITEM.match(line)
        if section == "conda" and item and item.group("value").rstrip() == "pip:":
            section, dependency_indent, pip_indent = "pip", indent, indent
            out.append(line)
            pip_end = len(out)
            continue
        if section == "conda" and item:
            dependency_indent = indent
            out.append(_conda_line(item, installed, named))
        elif section == "pip" and item:
            value = item.group("value")
            pinned = _pip_line(value, installed, named)
            out.append(f"{item.group('indent')}- {pinned}{item.group('comment') or ''}")
            pip_end = len(out)
        else:
            out.append(line)
    extra = _additions(add, named, installed.pip, installed, "==")
    if extra:
        if pip_end < 0:
            indent = " " * max(dependency_indent, 2)
            out.insert(_dependencies_end(out), f"{indent}- pip:")
            pip_end = _dependencies_end(out)
            dependency_indent = max(dependency_indent, 2)
        item_indent = " " * (dependency_indent + 2)
        out[pip_end:pip_end] = [f"{item_indent}- {line}" for line in extra]
    return _join(out, text), named


def _conda_line(item: re.Match, installed: Installed, named: set[str]) -> str:
    value = item.group("value").strip()
    spec = _CONDA_SPEC.match(value)
    if not spec:
        return item.group(0)
    name = canonical(spec.group("name"))
    named.add(name)
    version = installed.conda.get(name)
    if version is None:
        return item.group(0)
    channel = spec.group("channel") or ""
    pinned = f"{channel}{spec.group('name')}=={version}"
    return f"{item.group('indent')}- {pinned}{item.group('comment') or ''}"


def _dependencies_end(lines: list[str]) -> int:
    """The index after the last item of the top-level ``dependencies`` list."""
    inside, end = False, len(lines)
    for index, line in enumerate(lines):
        if line.strip() and not line.startswith((" ", "-", "#")):
            if inside:
                return end
            inside = line.strip() == "dependencies:"
        if inside and line.strip().startswith("-"):
            end = index + 1
    return end


def _additions(
    add: list[str], named: set[str], versions: dict, installed: Installed, operator: str
) -> list[str]:
    lines = []
    for name in sorted({canonical(n) for n in add} - named):
        if name in versions:
            lines.append(f"{installed.display.get(name, name)}{operator}{versions[name]}")
            named.add(name)
    return lines


def _join(lines: list[str], original: str) -> str:
    return "\n".join(lines) + ("\n" if lines and (original.endswith("\n") or not original) else "")


def fingerprint(text: str | None) -> str:
    """What a file held when a proposal was made; "" for a file that did not exist."""
    return "" if text is None else hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return None


def declared(folder: str) -> set[str]:
    """The packages the folder's requirements.txt and environment.yml name."""
    empty = Installed()
    names: set[str] = set()
    for file_name, pin in ((REQUIREMENTS, pin_requirements), (ENVIRONMENT, pin_environment)):
        text = _read(os.path.join(folder, file_name))
        if text is not None:
            names |= pin(text, empty, [])[1]
    return names


def propose_pins(folder: str, installed: Installed, add: list[str]) -> list[dict[str, Any]]:
    """For each environment file that would change: its path, fingerprint, new text and diff.

    ``add`` goes to environment.yml when there is one, else to requirements.txt (created
    when missing).
    """
    requirements = _read(os.path.join(folder, REQUIREMENTS))
    environment = _read(os.path.join(folder, ENVIRONMENT))
    proposals = []
    if environment is not None:
        proposals.append((ENVIRONMENT, environment, pin_environment(environment, installed, add)))
        add = []
    if requirements is not None or add:
        proposals.append(
            (REQUIREMENTS, requirements, pin_requirements(requirements or "", installed, add))
        )
    changes = []
    for name, old, (new, _named) in proposals:
        if new == (old or ""):
            continue
        diff = "".join(
            difflib.unified_diff(
                (old or "").splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{name}" if old is not None else "/dev/null",
                tofile=f"b/{name}",
            )
        )
        changes.append({"file": name, "fingerprint": fingerprint(old), "text": new, "diff": diff})
    return changes


def write_pins(folder: str, changes: list[dict[str, Any]]) -> list[str]:
    """Write accepted proposals; refuse all of them if any file changed since it was proposed."""
    for change in changes:
        if change["file"] not in (REQUIREMENTS, ENVIRONMENT):
            raise PinError(change["file"])
        if fingerprint(_read(os.path.join(folder, change["file"]))) != change["fingerprint"]:
            raise PinError(change["file"])
    os.makedirs(folder, exist_ok=True)
    for change in changes:
        path = os.path.join(folder, change["file"])
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            f.write(change["text"])
        os.replace(path + ".tmp", path)
    return [change["file"] for change in changes]


def find_drift(baseline: Installed, current: Installed, folder: str) -> list[dict[str, Any]]:
    """Packages pip installed or changed since the start that the environment files do not name."""
    named = declared(folder)
    drift = []
    for name, version in sorted(current.pip.items()):
        before = baseline.pip.get(name)
        if before == version or name in named:
            continue
        entry = {"name": current.display.get(name, name), "version": version}
        entry.update({"change": "changed", "before": before} if before else {"change": "added"})
        drift.append(entry)
    return drift
