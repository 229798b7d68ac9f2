"""The one error type of the server extension's domain.

Domain code raises :class:`EnvBuilderError` with an HTTP status, a stable ``reason`` code in
camel case (``noFolder``, ``tooLargeFile``; the same convention as the handshake's codes), and
its parameters as structured details (a path, a limit, a setting's name). The Lab page words
the code in the user's language; ``message`` is English for the server log and for clients
that know no code, and the page never shows it. The handlers turn it into the JSON body
``{"status", "reason", "message", ...details}``; specification/openapi.yaml lists the codes.
"""

from typing import Any


class EnvBuilderError(Exception):
    def __init__(self, status: int, reason: str, message: str, **details: Any) -> None:
        super().__init__(message)
        self.status = status
        self.reason = reason
        self.message = message
        self.details = details

    def body(self) -> dict[str, Any]:
        fields = {"status": self.status, "reason": self.reason, "message": self.message}
        return {**self.details, **fields}
