"""The one error type of the server extension's domain.

Domain code raises :class:`EnvBuilderError` with an HTTP status, a stable ``reason`` code the
frontend switches on (and words in the user's language), and structured details (a path, a
limit, a setting's name). ``message`` is English for logs and for clients that know no code.
The handlers turn it into the JSON body ``{"status", "reason", "message", ...details}``.
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
