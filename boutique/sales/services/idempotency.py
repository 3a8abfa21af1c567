"""Idempotency keys: the same sale sent twice (double click, retry after a timeout) sells once.

One path for the API and the till page. ``sell`` records the key with the sale, in the sale's own
transaction. A twin sent at the same moment fails (its items are sold by then, or the unique
(scope, key) refuses its record); its caller rolls back and asks ``earlier_sale``, which now finds the
first one's record, and answers with that sale. The API asks only after a failure (a repeat always
fails: its items are sold, or its key is taken); the till page asks first as well, for a double click
that comes after its cart's key changed.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.core.errors import InvalidInput
from boutique.sales.models import IdempotencyRecord
from boutique.sales.serialize import Receipt

_KEY = re.compile(r"^[\x21-\x7e]{1,200}$")  # printable ASCII, no spaces


@dataclass(frozen=True)
class SaleKey:
    """Who sent the key (``user:<id>`` for the API, ``till:<code>`` for the page), the key, the body's
    hash, and how to keep the answer for a replay (the API keeps its JSON; the page needs the sale only)."""

    scope: str
    key: str
    digest: str
    answer: Callable[[Receipt], dict] | None = None


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


def earlier_sale(session: Session, key: SaleKey | None) -> IdempotencyRecord | None:
    """The record of a sale made earlier under this key, if any; 422 idempotency_mismatch when that
    sale was asked for with a different body."""
    if key is None:
        return None
    record = session.scalar(select(IdempotencyRecord).where(IdempotencyRecord.scope == key.scope,
                                                            IdempotencyRecord.key == key.key))
    if record is None or record.sale_id is None:
        return None
    if record.request_hash != key.digest:
        raise InvalidInput(_l("This Idempotency-Key was used for a different request. Use a new key."),
                           code="idempotency_mismatch")
    return record
