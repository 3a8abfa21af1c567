"""Connections to a database server (PostgreSQL) are pinged when they come out of the pool after
sitting idle, not on every checkout. Installed on the app's own engine by core/db.py."""

import time

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DisconnectionError


def install(engine: Engine) -> None:
    event.listen(engine, "checkout", _ping_after_idle)
    event.listen(engine, "checkin", _note_idle_since)


# A server's connection is pinged when it comes out of the pool after this long unused: a restarted
# or restarting PostgreSQL has dropped it, and the pool then hands out a new one (the request never
# sees the dead one). Pinging on every checkout, as pool_pre_ping does, cost a round trip per request;
# a connection used a moment ago is alive, or its server went down mid-traffic, when a ping would not
# save the requests already running either (those answer 503 "try again", and the pool reconnects).
PING_AFTER_IDLE_SECONDS = 5.0
_IDLE_SINCE = "idle_since"


def _ping_after_idle(dbapi_connection, connection_record, connection_proxy):
    idle_since = connection_record.info.get(_IDLE_SINCE)
    if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_SECONDS:
        return  # just connected, or just used
    try:
        ping(dbapi_connection)
    except Exception as error:  # whatever the driver raises for a dead connection
        raise DisconnectionError("the database connection was lost while idle") from error


def ping(dbapi_connection) -> None:
    """One round trip outside any transaction (as SQLAlchemy's own ping does for psycopg)."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True
    try:
        dbapi_connection.execute("SELECT 1")
    finally:
        if not dbapi_connection.closed:
            dbapi_connection.autocommit = autocommit


def _note_idle_since(dbapi_connection, connection_record):
    if connection_record is not None:
        connection_record.info[_IDLE_SINCE] = time.monotonic()
