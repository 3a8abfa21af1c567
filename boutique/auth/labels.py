"""Role names as people read them."""

from flask_babel import lazy_gettext as _l

from boutique.core.roles import Role

ROLE_LABELS = {
    Role.admin: _l("Admin"),
    Role.supervisor: _l("Supervisor"),
    Role.participant: _l("Participant"),
    Role.student: _l("Design student"),
}


def role_label(role: Role | str) -> str:
    return str(ROLE_LABELS[Role(role)])
