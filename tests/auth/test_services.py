"""Sign-in, session ending, throttling and tokens, against the real database."""

import pytest

from boutique.auth.services import (
    SignInRefused,
    authenticate,
    change_password,
    create_token,
    create_user,
    end_sessions,
    revoke_token,
    set_active,
    user_for_session_id,
    user_for_token,
)
from boutique.core.errors import Conflict, InvalidInput
from boutique.core.roles import Role
from tests.conftest import PASSWORD

LIMITS = {"window_seconds": 900, "max_per_account": 3, "max_per_address": 5}


def _sign_in(session, username, password, address="10.0.0.1"):
    return authenticate(session, username=username, password=password, address=address, **LIMITS)


def test_password_is_stored_hashed_not_plain(session, make_user):
    user = make_user()
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith("scrypt:")


def test_correct_password_signs_in_and_username_is_case_insensitive(session, make_user):
    user = make_user(username="amira")
    assert _sign_in(session, "  AMIRA ", PASSWORD) == user


def test_wrong_password_and_unknown_user_fail_the_same_way(session, make_user):
    make_user(username="amira")
    with pytest.raises(SignInRefused) as wrong:
        _sign_in(session, "amira", "nope nope nope")
    with pytest.raises(SignInRefused) as unknown:
        _sign_in(session, "nobody", "nope nope nope")
    assert str(wrong.value) == str(unknown.value) == "refused"


def test_account_is_throttled_after_limit_even_with_right_password(session, make_user):
    make_user(username="amira")
    for _ in range(LIMITS["max_per_account"]):
        with pytest.raises(SignInRefused):
            _sign_in(session, "amira", "wrong password")
    with pytest.raises(SignInRefused) as refused:
        _sign_in(session, "amira", PASSWORD)
    assert refused.value.throttled


def test_address_is_throttled_across_accounts(session, make_user):
    for n in range(LIMITS["max_per_address"]):
        with pytest.raises(SignInRefused):
            _sign_in(session, f"guess{n}", "wrong password", address="192.0.2.9")
    user = make_user(username="fatima")
    with pytest.raises(SignInRefused) as refused:
        _sign_in(session, user.username, PASSWORD, address="192.0.2.9")
    assert refused.value.throttled
    assert _sign_in(session, user.username, PASSWORD, address="192.0.2.10") == user


def test_deactivated_user_cannot_sign_in_and_sessions_end(session, make_user):
    user = make_user()
    session_id = user.get_id()
    set_active(session, user, active=False)
    assert user_for_session_id(session, session_id) is None
    with pytest.raises(SignInRefused):
        _sign_in(session, user.username, PASSWORD)


def test_ending_sessions_invalidates_old_session_ids(session, make_user):
    user = make_user()
    old = user.get_id()
    assert user_for_session_id(session, old) == user
    end_sessions(user)
    assert user_for_session_id(session, old) is None
    assert user_for_session_id(session, user.get_id()) == user


def test_password_change_ends_sessions_and_checks_length(session, make_user):
    user = make_user()
    old = user.get_id()
    with pytest.raises(InvalidInput):
        change_password(session, user, new_password="short")
    change_password(session, user, new_password="a much longer password")
    assert user_for_session_id(session, old) is None


def test_tokens_are_hashed_revocable_and_die_with_deactivation(session, make_user):
    user = make_user(Role.supervisor)
    token = create_token(session, user)
    assert token not in {t.token_hash for t in user.tokens}
    assert user_for_token(session, token) == user
    revoke_token(session, token)
    assert user_for_token(session, token) is None
    second = create_token(session, user)
    set_active(session, user, active=False)
    assert user_for_token(session, second) is None


def test_usernames_are_unique_and_names_in_any_script_round_trip(session):
    user = create_user(session, username="selam", role="participant", password=PASSWORD,
                       display_name="ሰላም")
    session.commit()
    session.expire_all()
    assert user.display_name == "ሰላም"
    with pytest.raises(Conflict):
        create_user(session, username="SELAM", role="participant", password=PASSWORD)
    with pytest.raises(InvalidInput):
        create_user(session, username="two words", role="participant", password=PASSWORD)
    with pytest.raises(InvalidInput):
        create_user(session, username="x", role="wizard", password=PASSWORD)


def _failure(session, *, username, address="10.0.0.9", seconds_ago):
    from datetime import timedelta

    from boutique.auth.models import LoginFailure
    from boutique.core import clock

    session.add(LoginFailure(username=username, address=address, at=clock.now() - timedelta(seconds=seconds_ago)))
    session.commit()


def _failures_left(session) -> set[str]:
    from sqlalchemy import select

    from boutique.auth.models import LoginFailure

    return set(session.scalars(select(LoginFailure.username)))


def test_a_sign_in_attempt_forgets_every_failure_older_than_the_window(session, make_user):
    """A username and an address are personal data: kept only while they can still lock someone out."""
    user = make_user(username="amira")
    _failure(session, username="someone-else", seconds_ago=LIMITS["window_seconds"] + 5)
    _failure(session, username="pin:77", address="pin:10.0.0.7", seconds_ago=LIMITS["window_seconds"] * 40)
    _failure(session, username="still-counting", seconds_ago=LIMITS["window_seconds"] - 60)
    assert _sign_in(session, "amira", PASSWORD) == user  # a successful one too
    session.commit()
    assert _failures_left(session) == {"still-counting"}


def test_a_pin_attempt_forgets_old_failures_too(session, make_user):
    from boutique.auth.services import set_pin, verify_pin

    user = make_user()
    set_pin(session, user, pin="1234")
    _failure(session, username="old", seconds_ago=LIMITS["window_seconds"] + 1)
    verify_pin(session, user_id=user.id, pin="1234", address="10.0.0.1", **LIMITS)
    session.commit()
    assert _failures_left(session) == set()


def test_the_cli_forgets_old_failed_sign_ins(app, session, runner):
    window = app.config["LOGIN_WINDOW_SECONDS"]
    _failure(session, username="old", seconds_ago=window + 1)
    _failure(session, username="recent", seconds_ago=window - 30)
    result = runner.invoke(args=["users", "prune-login-failures"])
    assert result.exit_code == 0 and "Forgot 1 " in result.output
    assert _failures_left(session) == {"recent"}
