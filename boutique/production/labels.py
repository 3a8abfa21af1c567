"""Words for a production lot's statuses and its people's roles, as people read them (inside a sentence,
and in lists)."""

from flask_babel import lazy_gettext as _l

from boutique.production.models import LotRole, LotStatus

LOT_STATUS_LABELS = {
    LotStatus.planned: _l("planned"),
    LotStatus.in_production: _l("in production"),
    LotStatus.done: _l("done"),
}

LOT_ROLE_LABELS = {
    LotRole.participant: _l("participant"),
    LotRole.student: _l("student"),
    LotRole.supervisor: _l("supervisor"),
}
