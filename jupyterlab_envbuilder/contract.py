"""The constants the Lab frontend and the server share, read from ``contract.json``.

The frontend imports the same file (``src/contract.ts``), so a default folder, a scope or a
limit is written once. What an admin can change (limits, service name, scopes granted) travels
in the handshake instead; these are the defaults and the names that never change.
"""

import json
from importlib.resources import files
from typing import Any

CONTRACT: dict[str, Any] = json.loads(
    files(__package__).joinpath("contract.json").read_text(encoding="utf-8")
)

API_NAMESPACE: str = CONTRACT["apiNamespace"]
DEFAULT_FOLDER: str = CONTRACT["defaultFolder"]
RESTART_SCOPES: tuple[str, ...] = tuple(CONTRACT["restartScopes"])
BUILD_SERVICE_NAME: str = CONTRACT["buildService"]["name"]
BUILD_SERVICE_SCOPE_PREFIX: str = CONTRACT["buildService"]["scopePrefix"]
MAX_FILE_BYTES: int = CONTRACT["limits"]["maxFileBytes"]
MAX_TOTAL_BYTES: int = CONTRACT["limits"]["maxTotalBytes"]
MAX_FILES: int = CONTRACT["limits"]["maxFiles"]
ROLLBACK_STORAGE_PREFIX: str = CONTRACT["rollbackStoragePrefix"]
# The query parameter that hands a Binder-style link from the hub's page to the Sources section.
SOURCE_PARAMETER: str = CONTRACT["sourceParameter"]
# Never published in a snapshot (see boundary.py): names, file name patterns, folder paths.
REFUSED_NAMES: frozenset[str] = frozenset(CONTRACT["publishBoundary"]["refusedNames"])
REFUSED_PATTERNS: tuple[str, ...] = tuple(CONTRACT["publishBoundary"]["refusedPatterns"])
REFUSED_PATHS: tuple[str, ...] = tuple(CONTRACT["publishBoundary"]["refusedPaths"])


def service_scope(service_name: str) -> str:
    """The scope a token needs to use the hub service ``service_name``."""
    return BUILD_SERVICE_SCOPE_PREFIX + service_name
