"""Idempotency keys: the same request sent twice (double click, retry after a timeout) sells once.

The key's record is inserted at the start of the sale's transaction. A concurrent twin blocks on
the unique (scope, key) until the first commits and then fails with an IntegrityError; the caller
rolls back and answers with the stored response.
"""

import hashlib
import json
import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.core.db import utcnow
from boutique.core.errors import InvalidInput
from boutique.core.prepared import Prepared
from boutique.sales.models import IdempotencyRecord, Sale

_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")  # printable ASCII, no spaces


def check_key(key: str | None) -> str | None:
    """A usable key or None when none was sent; 422 when it is malformed."""
    if key is None or key == "":
        return None
    key = key.strip()
    if not _KEY.match(key):
        raise InvalidInput(_l("Idempotency-Key is 1–200 printable characters without spaces."),
                           code="invalid_idempotency_key")
    return key


def request_hash(payload: dict) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def find(session: Session, *, scope: str, key: str) -> IdempotencyRecord | None:
    return session.scalar(select(IdempotencyRecord).where(IdempotencyRecord.scope == scope,
                                                          IdempotencyRecord.key == key))


def check_same(record: IdempotencyRecord, digest: str) -> IdempotencyRecord:
    """The earlier record when the body is the same; 422 idempotency_mismatch when it differs."""
    if record.request_hash != digest:
        raise InvalidInput(_l("This Idempotency-Key was used for a different request. Use a new key."),
                           code="idempotency_mismatch")
    return record


def claim(session: Session, *, scope: str, key: str, digest: str) -> IdempotencyRecord:
    """Insert the key's record in the current transaction (flushed, so a twin waits or fails)."""
    record = IdempotencyRecord(scope=scope, key=key, request_hash=digest)
    session.add(record)
    session.flush()
    return record


def record(session: Session, *, scope: str, key: str, digest: str, sale_id: int, status_code: int,
           response: dict | None) -> None:
    """Keep the answer to a finished request under its key, in the request's own transaction (one
    insert; a twin that already holds the key makes it fail with an IntegrityError)."""
    _INSERT_RECORD.run(session.connection(), {
        "scope": scope, "key": key, "request_hash": digest, "sale_id": sale_id, "status_code": status_code,
        "response": response, "created_at": utcnow()})


_INSERT_RECORD = Prepared.insert(IdempotencyRecord.__table__, "scope", "key", "request_hash", "sale_id",
                                 "status_code", "response", "created_at")


def complete(session: Session, record: IdempotencyRecord, *, sale: Sale, status_code: int,
             response: dict | None) -> None:
    record.sale_id, record.status_code, record.response = sale.id, status_code, response
    session.flush()
