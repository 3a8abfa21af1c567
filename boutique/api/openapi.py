"""GET /api/v1/openapi.json: built from the routes themselves, so it cannot drift from them."""

import re

from flask import current_app, jsonify
from pydantic import BaseModel, TypeAdapter

from boutique.api import bp
from boutique.web.access import PUBLIC, policy_for, public
from boutique.web.view_transactions import reads_only

_CONVERTER = re.compile(r"<(?:(?P<type>[a-z]+):)?(?P<name>\w+)>")
_ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
        "code": {"type": "string"}, "message": {"type": "string"}}}},
}
_STATUS_TEXT = {200: "OK", 201: "Created", 400: "Malformed request", 401: "Not signed in",
                403: "Role not allowed", 404: "Not found", 409: "State conflict",
                413: "Too large", 422: "Invalid input", 503: "Busy, try again"}


def _schema(model, schemas: dict) -> dict:
    if model is None:
        return {"type": "object"}
    if isinstance(model, dict):
        return model
    full = TypeAdapter(model).json_schema(ref_template="#/components/schemas/{model}", mode="serialization")
    schemas.update(full.pop("$defs", {}))
    if isinstance(model, type) and issubclass(model, BaseModel):
        schemas[model.__name__] = full
        return {"$ref": f"#/components/schemas/{model.__name__}"}
    return full


def _operation(rule, method: str, doc: dict, schemas: dict, is_public: bool) -> dict:
    parameters = []
    for match in _CONVERTER.finditer(rule.rule):
        kind = {"int": "integer"}.get(match["type"] or "", "string")
        parameters.append({"name": match["name"], "in": "path", "required": True, "schema": {"type": kind}})
    for name, spec in doc["query"].items():
        parameters.append({"name": name, "in": "query", **spec})
    for name, spec in doc["headers"].items():
        parameters.append({"name": name, "in": "header", **spec})
    operation = {"summary": doc["summary"], "tags": [doc["tag"]],
                 "operationId": f"{rule.endpoint.split('.')[-1]}_{method.lower()}", "responses": {}}
    if doc.get("description"):
        operation["description"] = doc["description"]
    if parameters:
        operation["parameters"] = parameters
    if doc["body"] is not None and method in ("POST", "PUT", "PATCH"):
        body, content_type = doc["body"], "application/json"
        if isinstance(body, dict) and "content_type" in body:
            content_type, body = body["content_type"], body["schema"]
        operation["requestBody"] = {"required": True, "content": {content_type: {"schema": _schema(body, schemas)}}}
    for status, model in doc["responses"].items():
        content_type, headers = "application/json", None
        if isinstance(model, dict) and "content_type" in model:
            content_type, headers = model["content_type"], model.get("headers")
            model = model.get("schema", {"type": "string"})
        operation["responses"][str(status)] = {
            "description": _STATUS_TEXT.get(status, "OK"),
            "content": {content_type: {"schema": _schema(model, schemas)}}}
        if headers:
            operation["responses"][str(status)]["headers"] = headers
    errors = set(doc["errors"]) | ({400, 422} if doc["body"] is not None else set())
    if parameters:
        errors.add(400)  # boutique/web/security.py refuses a NUL byte in any path or query value
    if not is_public:
        errors |= {401, 403}
    for status in sorted(errors):
        operation["responses"][str(status)] = {
            "description": _STATUS_TEXT.get(status, "Error"),
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    if is_public:
        operation["security"] = []
    return operation


def build_document(app) -> dict:
    schemas: dict = {"Error": _ERROR_SCHEMA}
    paths: dict = {}
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        view = app.view_functions.get(rule.endpoint)
        doc = getattr(view, "api_doc", None)
        if doc is None or not rule.rule.startswith("/api/v1/"):
            continue
        path = _CONVERTER.sub(lambda m: "{" + m["name"] + "}", rule.rule)
        is_public = policy_for(app, rule.endpoint) is PUBLIC
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            paths.setdefault(path, {})[method.lower()] = _operation(rule, method, doc, schemas, is_public)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Ny Form boutique API", "version": "1",
                 "description": "Inventory and point of sale for the Red Cross redesign boutique. "
                                "Money is integer öre; weights integer grams."},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {"schemas": schemas, "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
    }


@bp.get("/openapi.json")
@public
@reads_only
def document():
    return jsonify(build_document(current_app))
