"""The base handler: the settings object, JSON answers, and the one mapping of errors to HTTP."""

import json
from http.client import responses
from typing import Any

from jupyter_server.base.handlers import APIHandler
from tornado.web import HTTPError

from ..config import EnvBuilder
from ..errors import EnvBuilderError


def _http_reason(status: int) -> str:
    """A code for an HTTP error tornado or jupyter_server raised: its phrase in camel case,
    like every code the server sends (``Not Found`` is ``notFound``)."""
    first, *rest = responses.get(status, "error").replace("-", " ").split()
    return first.lower() + "".join(word.capitalize() for word in rest)


def error_body(status: int, exc: Any) -> dict[str, Any]:
    """``{"status", "reason", "message", ...details}`` for whatever ended a request."""
    if isinstance(exc, EnvBuilderError):
        return exc.body()
    message = responses.get(status, "Error")
    if isinstance(exc, HTTPError) and exc.log_message:
        message = exc.log_message % exc.args if exc.args else exc.log_message
    return {"status": status, "reason": _http_reason(status), "message": message}


class BaseHandler(APIHandler):
    """Shared plumbing of every authenticated route under ``envbuilder/``."""

    def initialize(self, config: EnvBuilder) -> None:
        self.envbuilder = config

    def reply(self, payload: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(payload))

    def json_object(self) -> dict[str, Any]:
        """The request body as a JSON object; an empty body is ``{}``."""
        if not self.request.body:
            return {}
        try:
            body = json.loads(self.request.body)
        except ValueError as e:
            raise EnvBuilderError(400, "badJson", "The request body is not JSON.") from e
        if not isinstance(body, dict):
            raise EnvBuilderError(400, "badJson", "Send a JSON object.")
        return body

    def _handle_request_exception(self, e: BaseException) -> None:
        # A domain error is an answer, not a failure: no traceback in the server log.
        if isinstance(e, EnvBuilderError):
            if not self._finished:
                self.send_error(e.status, exc_info=(type(e), e, e.__traceback__))
            return
        super()._handle_request_exception(e)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        exc_info = kwargs.get("exc_info")
        body = error_body(status_code, exc_info[1] if exc_info else None)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))
