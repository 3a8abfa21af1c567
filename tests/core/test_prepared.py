"""boutique.core.prepared: statements of the hot path run on the driver's cursor must write and read exactly
as SQLAlchemy would, raise SQLAlchemy's own errors, and stay visible to the engine's listeners."""

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import bindparam, event, select
from sqlalchemy.exc import IntegrityError

from boutique.auth.models import User
from boutique.core.counters import Counter
from boutique.core.prepared import Prepared, Rows, together
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.items.models import Item, ItemEvent, ItemStatus

_EVENTS = ItemEvent.__table__
_INSERT_EVENT = Prepared.insert(_EVENTS, "item_id", "event", "from_status", "to_status", "at", "by_user_id",
                                "location_id", "details", returning=["id"])
_ITEM = Prepared(select(Item.__table__.c.status, Item.__table__.c.priced_at, Item.__table__.c.code)
                 .where(Item.__table__.c.id == bindparam("item_id")))
_INSERT_COUNTER = Prepared.insert(Counter.__table__, "name", "value")


@contextmanager
def _statements():
    seen: list[str] = []

    def listen(connection, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", listen)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", listen)


def test_a_row_written_here_reads_back_through_the_orm_as_written(session, make_item, make_user):
    item, user = make_item(), make_user(Role.supervisor)
    at = datetime(2026, 3, 29, 0, 30, 15, 123456, tzinfo=UTC)
    event_id = _INSERT_EVENT.run(session.connection(), {
        "item_id": item.id, "event": "sold", "from_status": ItemStatus.for_sale, "to_status": ItemStatus.sold,
        "at": at, "by_user_id": user.id, "location_id": item.location_id,
        "details": {"till": "SKH-1", "receipt_number": 7, "note": "Ärmlös klänning"}}).scalar_one()
    session.commit()
    session.expire_all()
    written = session.get(ItemEvent, event_id)
    assert (written.from_status, written.to_status) == (ItemStatus.for_sale, ItemStatus.sold)
    assert written.at == at and written.at.tzinfo is not None
    assert written.details == {"till": "SKH-1", "receipt_number": 7, "note": "Ärmlös klänning"}
    assert written.by_user_id == user.id


def test_results_come_back_through_the_column_types(session, make_item):
    item = make_item()
    status, priced_at, code = _ITEM.run(session.connection(), {"item_id": item.id}).first()
    assert status is ItemStatus.for_sale
    assert priced_at == item.priced_at and priced_at.tzinfo is not None
    assert code == item.code
    assert _ITEM.run(session.connection(), {"item_id": -1}).first() is None


def test_a_driver_error_is_raised_as_sqlalchemys_own_and_the_session_recovers(session):
    _INSERT_COUNTER.run(session.connection(), {"name": "test:prepared", "value": 1})
    with pytest.raises(IntegrityError):
        _INSERT_COUNTER.run(session.connection(), {"name": "test:prepared", "value": 2})
    session.rollback()
    assert session.scalar(select(Counter.value).where(Counter.name == "test:prepared")) is None


def test_the_engine_listeners_hear_every_statement(session, make_item):
    item_id, connection = make_item().id, session.connection()
    with _statements() as seen:
        _ITEM.run(connection, {"item_id": item_id})
    assert len(seen) == 1 and seen[0].startswith("SELECT items.status")


def test_a_missing_value_is_refused_before_the_database_sees_it(session):
    connection = session.connection()
    with _statements() as seen, pytest.raises(KeyError, match="item_id"):
        _ITEM.run(connection, {})
    assert seen == []


def test_an_insert_must_name_the_columns_that_have_python_defaults():
    with pytest.raises(ValueError, match="at"):
        Prepared.insert(_EVENTS, "item_id", "event", "to_status")


def test_an_adopted_row_is_a_clean_persistent_object_that_needs_no_more_sql(session, make_user):
    user = make_user(Role.participant, username="adopted")
    user_id = user.id
    session.commit()
    session.expunge_all()
    users = Rows(User)
    row = Prepared(users.select.where(User.__table__.c.id == bindparam("id"))).run(
        session.connection(), {"id": user_id}).first()
    with _statements() as seen:
        adopted = users.adopt(session, row)
        assert (adopted.username, adopted.role, adopted.language) == ("adopted", Role.participant, "sv")
        assert adopted.created_at.tzinfo is not None
    assert seen == []  # every column was loaded: nothing lazy-loads
    assert adopted in session and adopted not in session.dirty and adopted not in session.new
    assert session.get(User, user_id) is adopted
    assert users.adopt(session, row) is adopted  # the session's own object, as a query would answer
    with _statements() as seen:
        session.commit()
    assert not any(s.startswith(("UPDATE", "INSERT")) for s in seen)


_CLAIM = Prepared(Item.__table__.update()
                  .where(Item.__table__.c.id == bindparam("item_id"), Item.__table__.c.status == ItemStatus.for_sale)
                  .values(status=ItemStatus.sold, updated_at=bindparam("moment")))


def test_statements_sent_together_run_in_order_and_are_answered_after_the_block(session, make_item):
    item_id, connection, now = make_item().id, session.connection(), datetime.now(UTC)
    pipelined = connection.dialect.name == "postgresql"
    with _statements() as seen, together(connection) as batch:
        first = batch.run(_CLAIM, {"item_id": item_id, "moment": now})
        second = batch.run(_CLAIM, {"item_id": item_id, "moment": now})  # sees the first one's write: nothing to claim
        status = batch.run(_ITEM, {"item_id": item_id})
        batch.run_many(_INSERT_COUNTER, [{"name": "test:together:a", "value": 1},
                                         {"name": "test:together:b", "value": 2}])
        if pipelined:  # one round trip: nothing has come back yet
            with pytest.raises(RuntimeError, match="batch"):
                first.ran  # noqa: B018
    assert (first.ran.rowcount, second.ran.rowcount) == (1, 0)
    assert status.ran.first()[0] is ItemStatus.sold
    assert len(seen) == 4  # the listeners heard every statement
    assert session.scalars(select(Counter.value).where(Counter.name.like("test:together:%"))
                           .order_by(Counter.name)).all() == [1, 2]


def test_an_error_in_a_batch_is_sqlalchemys_own_and_the_session_recovers(session):
    with pytest.raises(IntegrityError), together(session.connection()) as batch:
        batch.run(_INSERT_COUNTER, {"name": "test:together", "value": 1})
        batch.run(_INSERT_COUNTER, {"name": "test:together", "value": 2})
        batch.run(_INSERT_COUNTER, {"name": "test:together:after", "value": 3})
    session.rollback()
    assert session.scalars(select(Counter.name).where(Counter.name.like("test:together%"))).all() == []


def test_an_insert_returns_only_what_it_is_asked_for_and_may_compute_a_value():
    from sqlalchemy.dialects import postgresql

    plain = _INSERT_COUNTER._for(postgresql.dialect())
    assert "RETURNING" not in plain.sql and plain.results == ()
    computed = Prepared.insert(Counter.__table__, "name", computed={"value": select(1).scalar_subquery()},
                               returning=["value"])._for(postgresql.dialect())
    assert "(SELECT 1)" in computed.sql and computed.sql.endswith("RETURNING counters.value")
