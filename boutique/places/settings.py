"""The shop settings an admin can edit, with defaults; other areas register their own keys here."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.places.models import Setting


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: object
    default: str
    max_length: int = 300
    help: object = ""


SETTINGS: dict[str, SettingSpec] = {}


def register(spec: SettingSpec) -> SettingSpec:
    SETTINGS[spec.key] = spec
    return spec


register(SettingSpec("org_name", _l("Organisation name"), "Svenska Röda Korset – Mötesplats i ny form"))
register(SettingSpec("org_number", _l("Organisation number"), "802002-8711", 20))
register(SettingSpec("receipt_footer", _l("Receipt footer"), "Tack för att du handlar hos Ny Form!"))


def get_setting(session: Session, key: str) -> str:
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return value if value is not None else SETTINGS[key].default


def all_settings(session: Session) -> dict[str, str]:
    stored = dict(session.execute(select(Setting.key, Setting.value)).all())
    return {key: stored.get(key, spec.default) for key, spec in SETTINGS.items()}


def set_setting(session: Session, key: str, value: str) -> None:
    spec = SETTINGS[key]
    value = value.strip()[: spec.max_length]
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
