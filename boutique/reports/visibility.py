"""Who may see whose report: students their own feedback, participants their own record, supervisors
the participants they supervise, admins everyone."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core.errors import Forbidden, InvalidInput, NotFound
from boutique.core.limits import may_be_row_id
from boutique.core.roles import Role
from boutique.places.models import Location
from boutique.reports.queries.selling import GROUPS


def may_see_record(viewer: User, person: User) -> bool:
    """A participant record (work per week): never for students, whoever they ask about."""
    if viewer.role == Role.student or person.role == Role.student:
        return False
    if viewer.role == Role.admin:
        return True
    if viewer.id == person.id:
        return True
    return viewer.role == Role.supervisor and person.supervisor_id == viewer.id


def record_forbidden() -> Forbidden:
    return Forbidden(_l("You can see your own record, or the records of the participants you supervise."),
                     code="record_forbidden")


def feedback_forbidden() -> Forbidden:
    return Forbidden(_l("You can see your own sales feedback only."), code="feedback_forbidden")


def check_record_access(viewer: User, person: User) -> None:
    if not may_see_record(viewer, person):
        raise record_forbidden()


def check_feedback_access(viewer: User, student: User) -> None:
    """A student's sales feedback: the student and managers (supervisors, admins)."""
    if viewer.id != student.id and viewer.role not in (Role.supervisor, Role.admin):
        raise feedback_forbidden()


def get_person(session: Session, user_id: int, *, viewer: User, refusal) -> User:
    """A person's record or feedback page by id. Someone who may see only their own (participants,
    students) is refused with ``refusal()`` for any other id before the lookup: a 404 for an unknown
    id beside a 403 for a known one would tell them who exists."""
    if user_id != viewer.id and viewer.role not in (Role.supervisor, Role.admin):
        raise refusal()
    person = session.get(User, user_id) if may_be_row_id(user_id) else None
    if person is None:
        raise NotFound(_l("No such person."), code="person_not_found")
    return person


def record_person(session: Session, user_id: int, *, viewer: User) -> User:
    """The person whose record ``viewer`` opens, if they may see it."""
    person = get_person(session, user_id, viewer=viewer, refusal=record_forbidden)
    check_record_access(viewer, person)
    return person


def feedback_student(session: Session, user_id: int, *, viewer: User) -> User:
    """The student whose sales feedback ``viewer`` opens, if they may see it."""
    student = get_person(session, user_id, viewer=viewer, refusal=feedback_forbidden)
    check_feedback_access(viewer, student)
    return student


def location_id_for(session: Session, code: str | None) -> int | None:
    """A location filter from its code (none given: every location); an unknown code is 422."""
    if not code or not code.strip():
        return None
    found = session.scalar(select(Location.id).where(Location.code == code.strip().upper()))
    if found is None:
        raise InvalidInput(_l("No location has the code %(code)s.", code=code.strip()[:16]),
                           code="unknown_location")
    return found


def check_group_by(value: str | None) -> str:
    """The what-sells grouping asked for (default category); anything unknown is 422."""
    group_by = (value or "category").strip()
    if group_by not in GROUPS:
        raise InvalidInput(_l("group_by must be one of: %(groups)s.", groups=", ".join(GROUPS)),
                           code="invalid_group_by")
    return group_by
