"""Lots, their teams and who may do what in them. Functions flush, never commit."""

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.auth.services import get_user
from boutique.core import clock
from boutique.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from boutique.core.limits import may_be_row_id
from boutique.core.roles import Role
from boutique.photos.services import register_lot_access
from boutique.places.services import get_location
from boutique.production.labels import LOT_STATUS_LABELS
from boutique.production.models import InstructionStep, LotMember, LotRole, LotStatus, LotTag, ProductionLot

MAX_TAGS = 12
_TAG_SPLIT = re.compile(r"[,;\n]")

# Allowed lot status changes; a finished lot can be reopened.
LOT_TRANSITIONS = {
    LotStatus.planned: {LotStatus.in_production},
    LotStatus.in_production: {LotStatus.done, LotStatus.planned},
    LotStatus.done: {LotStatus.in_production},
}




def get_lot(session: Session, lot_id: int) -> ProductionLot:
    lot = session.get(ProductionLot, lot_id) if may_be_row_id(lot_id) else None
    if lot is None:
        raise NotFound(_l("No production lot has the number %(id)s.", id=lot_id), code="lot_not_found")
    return lot


def membership(session: Session, user: User, lot: ProductionLot) -> LotMember | None:
    return session.scalar(select(LotMember).where(LotMember.lot_id == lot.id, LotMember.user_id == user.id))


def may_manage(session: Session, user: User, lot: ProductionLot) -> bool:
    """Supervisors and admins manage every lot; a lot's own supervisor (a teacher) manages that one."""
    if user.role in (Role.supervisor, Role.admin):
        return True
    member = membership(session, user, lot)
    return member is not None and member.role == LotRole.supervisor and user.role != Role.student


def lot_refused(*, manage: bool) -> Forbidden:
    if manage:
        return Forbidden(_l("Only a supervisor can manage this lot's team and status."), code="lot_forbidden")
    return Forbidden(_l("You are not in this lot's team."), code="lot_forbidden")


def check_lot_access(session: Session, user: User, lot: ProductionLot, *, write: bool = False,
                     manage: bool = False) -> None:
    """The one access rule for lots: managers everything; members see and work in their own lots;
    managing the team and status needs a supervisor. Anyone else: 403."""
    if may_manage(session, user, lot):
        return
    if manage:
        raise lot_refused(manage=True)
    # ``write``: members both see and work in their lot, so it asks the same; callers say what they do.
    if membership(session, user, lot) is None:
        raise lot_refused(manage=False)


def get_lot_for(session: Session, user: User, lot_id: int, *, write: bool = False,
                manage: bool = False) -> ProductionLot:
    """The lot, if ``user`` may see it (or work in it, or manage it). Someone who sees only their own
    lots gets the same 403 for a number no lot has as for a lot that is not theirs: a 404 beside a 403
    would tell them which lots exist."""
    if user.role not in (Role.supervisor, Role.admin) and (
            not may_be_row_id(lot_id) or session.get(ProductionLot, lot_id) is None):
        raise lot_refused(manage=manage)
    lot = get_lot(session, lot_id)
    check_lot_access(session, user, lot, write=write, manage=manage)
    return lot


def parse_tags(text: str | list[str] | None) -> list[str]:
    """``"Tilet, indigo; folk embroidery"`` → ``["folk embroidery", "indigo", "tilet"]``."""
    parts = text if isinstance(text, list) else _TAG_SPLIT.split(text or "")
    tags = []
    for part in parts:
        tag = " ".join(str(part).split()).casefold()
        if not tag:
            continue
        if len(tag) > 40:
            raise InvalidInput(_l("A tag is at most 40 characters."), code="invalid_tag")
        if tag not in tags:
            tags.append(tag)
    if len(tags) > MAX_TAGS:
        raise InvalidInput(_l("A lot has at most %(n)d tags.", n=MAX_TAGS), code="invalid_tag")
    return sorted(tags)


def _clean_text(value: str | None, limit: int) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(_l("A text is at most %(n)d characters.", n=limit), code="text_too_long")
    return value or None


def _check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise InvalidInput(_l("The end date is before the start date."), code="invalid_dates")


def create_lot(session: Session, *, title: str, location_code: str, by_user: User, concept: str | None = None,
               inspiration: str | None = None, tags: str | list[str] | None = None,
               starts_on: date | None = None, ends_on: date | None = None) -> ProductionLot:
    """Start a lot. Staff may; a participant who starts one joins its team."""
    if by_user.role == Role.student:
        raise Forbidden(_l("Students work in lots a supervisor has added them to."), code="lot_forbidden")
    title = _clean_text(title, 200)
    if not title:
        raise InvalidInput(_l("A lot needs a title."), code="invalid_title")
    _check_dates(starts_on, ends_on)
    lot = ProductionLot(title=title, concept=_clean_text(concept, 4000), inspiration=_clean_text(inspiration, 4000),
                        location=get_location(session, location_code), status=LotStatus.planned,
                        created_by_id=by_user.id, starts_on=starts_on, ends_on=ends_on)
    lot.tags = [LotTag(tag=tag) for tag in parse_tags(tags)]
    session.add(lot)
    session.flush()
    if not by_user.is_manager:
        session.add(LotMember(lot=lot, user_id=by_user.id, role=LotRole.participant))
        session.flush()
    return lot


def update_lot(session: Session, *, lot: ProductionLot, title: str, location_code: str, concept: str | None,
               inspiration: str | None, tags: str | list[str] | None, starts_on: date | None,
               ends_on: date | None) -> ProductionLot:
    """Edit the lot's story: title, concept, inspiration, tags, place and dates."""
    title = _clean_text(title, 200)
    if not title:
        raise InvalidInput(_l("A lot needs a title."), code="invalid_title")
    _check_dates(starts_on, ends_on)
    lot.title, lot.concept = title, _clean_text(concept, 4000)
    lot.inspiration = _clean_text(inspiration, 4000)
    lot.location = get_location(session, location_code)
    lot.starts_on, lot.ends_on = starts_on, ends_on
    wanted = parse_tags(tags)
    lot.tags = [t for t in lot.tags if t.tag in wanted] + [
        LotTag(tag=tag) for tag in wanted if tag not in {t.tag for t in lot.tags}]
    session.flush()
    return lot


def change_lot_status(session: Session, *, lot: ProductionLot, status: LotStatus | str) -> ProductionLot:
    """planned → in production → done (and back, to reopen); the real start and finish are recorded."""
    try:
        status = LotStatus(status)
    except ValueError:
        raise InvalidInput(_l("Unknown lot status."), code="invalid_status") from None
    if status == lot.status:
        return lot
    if status not in LOT_TRANSITIONS[lot.status]:
        raise Conflict(_l("A lot that is %(now)s cannot become %(new)s.", now=LOT_STATUS_LABELS[lot.status],
                          new=LOT_STATUS_LABELS[status]), code="invalid_lot_transition")
    lot.status = status
    if status == LotStatus.in_production and lot.started_at is None:
        lot.started_at = clock.now()
    if status == LotStatus.done:
        lot.finished_at = clock.now()
    elif lot.finished_at is not None:
        lot.finished_at = None
    session.flush()
    return lot


def add_member(session: Session, *, lot: ProductionLot, username: str | None = None, user: User | None = None,
               role: LotRole | str) -> tuple[LotMember, bool]:
    """Add someone to the team, or change their role in it. Returns ``(member, created)``."""
    try:
        role = LotRole(role)
    except ValueError:
        raise InvalidInput(_l("A role in a lot is participant, student or supervisor."),
                           code="invalid_role") from None
    user = user or get_user(session, username or "")
    if not user.active:
        raise InvalidInput(_l("That person's account is deactivated."), code="user_inactive")
    if user.role == Role.student and role != LotRole.student:
        raise InvalidInput(_l("A student takes part in a lot as a student."), code="invalid_role")
    member = membership(session, user, lot)
    if member is not None:
        member.role = role
        session.flush()
        return member, False
    member = LotMember(lot=lot, user_id=user.id, role=role)
    session.add(member)
    session.flush()
    return member, True


def remove_member(session: Session, *, lot: ProductionLot, member_id: int) -> None:
    member = session.get(LotMember, member_id) if may_be_row_id(member_id) else None
    if member is None or member.lot_id != lot.id:
        raise NotFound(_l("That person is not in this lot's team."), code="member_not_found")
    session.delete(member)
    session.flush()


def check_lot_open(lot: ProductionLot) -> None:
    if lot.status == LotStatus.done:
        raise Conflict(_l("The lot is done; reopen it to add materials or products."), code="lot_done")


def lot_for_photos(session: Session, user: User, *, lot_id: int | None = None, step_id: int | None = None,
                   write: bool = False) -> ProductionLot:
    """Photos of a lot, or of one of its instruction steps, are as visible as the lot (registered with
    photos, which stands below production)."""
    if lot_id is None:
        step = session.get(InstructionStep, step_id) if step_id is not None else None
        if step is None:
            raise NotFound(_l("No such photo."), code="photo_not_found")
        lot_id = step.lot_id
    return get_lot_for(session, user, lot_id, write=write)


register_lot_access(lot_for_photos)
