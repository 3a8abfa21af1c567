"""Everything the boutique holds about a person, as one document: JSON for the API, and a zip with that
JSON, one CSV per section (for a spreadsheet) and the photos they took."""

import io
import json
import zipfile
from datetime import date, datetime

from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core import clock
from boutique.photos import storage
from boutique.privacy import account, work
from boutique.web.tables import Table

FORMAT = "ny-form-person-data/1"


# Most telling first: the record, the lots, what they made and photographed, the till; then each
# pipeline step's trail, and last the account's tokens and failed sign-ins.
SECTIONS = (work.record, work.lots, work.hours, work.products, work.photos, work.lot_work, account.receipts,
            account.till_records, work.item_events, work.donations, work.wash_loads, work.weigh_outs, work.labels,
            account.tokens, account.failed_sign_ins)


def person_tables(session: Session, person: User) -> list[Table]:
    return [build(session, person) for build in SECTIONS]


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def person_data(session: Session, person: User, tables: list[Table] | None = None) -> dict:
    """The whole record as JSON-ready values: times ISO 8601 with the Stockholm offset, money in öre."""
    tables = tables if tables is not None else person_tables(session, person)
    return {
        "format": FORMAT, "exported_at": clock.local(clock.now()).isoformat(),
        "person": {key: _plain(value) for key, value in account.profile(session, person).items()},
        "sections": {table.key: [{column.key: _plain(row.get(column.key)) for column in table.columns}
                                 for row in table.rows] for table in tables},
    }


def person_archive(session: Session, person: User) -> bytes:
    """A zip: ``data.json``, ``<section>.csv`` for each section, and ``photos/photo-<id>.<ext>``."""
    tables = person_tables(session, person)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(person_data(session, person, tables), ensure_ascii=False, indent=2))
        for table in tables:
            archive.writestr(f"{table.key}.csv", table.csv_response(table.key).get_data())
        for row in next(table for table in tables if table.key == "photos").rows:
            path = storage.path_of(row["filename"])
            if path.is_file():  # a file lost from the disk is listed in data.json all the same
                archive.write(path, row["file"], compress_type=zipfile.ZIP_STORED)  # already compressed
    return buffer.getvalue()
