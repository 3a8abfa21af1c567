"""People for supervisors and admins: list and create (display names and roles, no personal data)."""

from flask import jsonify
from flask_login import current_user
from pydantic import Field
from sqlalchemy import select

from boutique.api import bp
from boutique.api.common import Body, created, parse_body
from boutique.api.docs import api_doc
from boutique.auth.models import User
from boutique.auth.services import check_may_manage, create_user
from boutique.core.roles import Role
from boutique.extensions import db
from boutique.web.access import MANAGERS, allow
from boutique.web.i18n import LANGUAGES
from boutique.web.view_transactions import reads_only


class UserIn(Body):
    username: str = Field(min_length=1, max_length=64)
    role: Role
    password: str = Field(min_length=8, max_length=256)
    display_name: str | None = Field(default=None, max_length=120)
    language: str = Field(default="sv", pattern=f"^({'|'.join(LANGUAGES)})$")


class UserOut(Body):
    username: str
    display_name: str
    role: Role
    language: str
    active: bool


def _out(user: User) -> dict:
    return UserOut(username=user.username, display_name=user.display_name, role=user.role,
                   language=user.language, active=user.active).model_dump(mode="json")


@bp.get("/users")
@allow(MANAGERS)
@reads_only
@api_doc(summary="People who use the boutique", tag="people", responses={200: list[UserOut]})
def list_users():
    users = db.session.scalars(select(User).order_by(User.username))
    return jsonify([_out(user) for user in users])


@bp.post("/users")
@allow(MANAGERS)
@api_doc(summary="Add a person", tag="people", body=UserIn, responses={201: UserOut}, errors={409})
def add_user():
    body = parse_body(UserIn)
    check_may_manage(current_user, body.role)
    user = create_user(db.session, username=body.username, role=body.role, password=body.password,
                       display_name=body.display_name, language=body.language)
    if current_user.role == Role.supervisor:
        user.supervisor_id = current_user.id  # whom a supervisor adds, they follow (and may manage)
    db.session.commit()
    return created(_out(user))
