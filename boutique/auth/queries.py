"""Lists of people the pages choose from: read only, in display-name order."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from boutique.auth.models import User
from boutique.core.roles import Role


def everyone(session: Session) -> list[User]:
    """Every account, the active ones first (the people page)."""
    return list(session.scalars(select(User).order_by(User.active.desc(), User.display_name)))


def active_managers(session: Session) -> list[User]:
    """Who can supervise someone: active supervisors and admins."""
    return list(session.scalars(select(User).where(User.role.in_([Role.supervisor, Role.admin]), User.active.is_(True))
                                .order_by(User.display_name)))


def active_non_admins(session: Session) -> list[User]:
    """Who can join a production lot's team."""
    return list(session.scalars(select(User).where(User.active, User.role != Role.admin).order_by(User.display_name)))


def active_user_ids(session: Session) -> list[int]:
    return list(session.scalars(select(User.id).where(User.active)))


def all_students(session: Session) -> list[User]:
    return list(session.scalars(select(User).where(User.role == Role.student).order_by(User.display_name)))


def active_staff(session: Session, *, supervised_by: int | None = None) -> list[User]:
    """Active participants, supervisors and admins (whose work is recorded); only those ``supervised_by``
    someone when given."""
    query = select(User).where(User.role != Role.student, User.active.is_(True)).order_by(User.display_name)
    if supervised_by is not None:
        query = query.where(User.supervisor_id == supervised_by)
    return list(session.scalars(query))
