"""OpenAPI metadata attached to API views; openapi.py turns it into the document."""

from collections.abc import Callable

from pydantic import BaseModel

ERROR_CODES = {400, 401, 403, 404, 409, 413, 422}


def api_doc(*, summary: str, tag: str, body: type[BaseModel] | dict | None = None,
            responses: dict[int, type[BaseModel] | dict | None] | None = None,
            errors: set[int] | None = None, query: dict[str, dict] | None = None,
            headers: dict[str, dict] | None = None, description: str | None = None) -> Callable:
    """Describe an API view: its request body model, success responses and possible errors. ``body`` (like
    a response) may also be ``{"content_type": ..., "schema": {...}}`` for a body that is not JSON; such a
    response may name the ``headers`` it sends."""

    def decorate(view: Callable) -> Callable:
        view.api_doc = {
            "summary": summary, "tag": tag, "body": body, "responses": responses or {200: None},
            "errors": errors if errors is not None else {401, 403}, "query": query or {},
            "headers": headers or {}, "description": description,
        }
        return view

    return decorate
