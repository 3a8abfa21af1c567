"""Request parsing and response helpers shared by the API modules."""

import json
from typing import Annotated, TypeVar

from flask import jsonify, request
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from boutique.api.nesting import MAX_JSON_DEPTH, nests_deeper_than
from boutique.core.errors import DomainError
from boutique.core.money import MAX_ORE
from boutique.core.units import MAX_GRAMS

Ore = Annotated[StrictInt, Field(ge=0, le=MAX_ORE)]
PositiveOre = Annotated[StrictInt, Field(gt=0, le=MAX_ORE)]
Grams = Annotated[StrictInt, Field(gt=0, le=MAX_GRAMS)]  # a weight is more than zero, as on the forms

Model = TypeVar("Model", bound=BaseModel)


class Body(BaseModel):
    """Base for request bodies: unknown fields are refused, so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BadRequest(DomainError):
    status = 400
    code = "bad_request"


def parse_body(model: type[Model]) -> Model:
    """The request's JSON body as ``model``: 400 if it is not a JSON object, 422 if it is invalid."""
    raw = request.get_data(cache=True)
    if not raw.strip():
        data = {}
    else:
        if nests_deeper_than(raw):
            raise _too_deep()
        try:
            data = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise BadRequest(_l("The body is not valid JSON."), code="malformed_json") from None
        except RecursionError:  # brackets that do not pair up, nested past the check above
            raise _too_deep() from None
    if not isinstance(data, dict):
        raise BadRequest(_l("The body must be a JSON object."), code="malformed_json")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise DomainError(describe_validation_error(error), code="validation_failed",
                          details={"fields": _field_errors(error)}) from None


def _too_deep() -> BadRequest:
    return BadRequest(_l("The body nests deeper than %(n)d levels.", n=MAX_JSON_DEPTH), code="too_deep")


def _field_errors(error: ValidationError) -> list[dict]:
    return [{"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in error.errors()]


def describe_validation_error(error: ValidationError) -> str:
    return "; ".join(f"{f['field'] or 'body'}: {f['problem']}" for f in _field_errors(error))


def created(payload):
    response = jsonify(payload)
    response.status_code = 201
    return response
