"""Creating users and checking their credentials."""

from __future__ import annotations

import re
from functools import cache

from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..database import commit_with_retry
from ..extensions import db
from ..models import Role, User, password_hash_method, username_key

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 200  # bounds the hashing work one request can ask for


class AccountError(ValueError):
    """A user-facing reason why an account cannot be created."""


TAKEN = "That username is taken; choose another."


def find_user(username: str) -> User | None:
    """The account of that name, whatever the case it is typed in."""
    return db.session.execute(db.select(User).filter_by(username_key=username_key(username))).scalar_one_or_none()


@cache
def _stand_in_hash(method: str) -> str:
    """A hash of no one's password, made the way real ones are (same method and cost)."""
    return generate_password_hash("no account has this password", method=method)


def authenticate(username: str, password: str) -> User | None:
    """The user if the password is theirs, else None.

    An unknown username costs the same password check as a known one: a login's timing
    must not tell which usernames exist.
    """
    user = find_user(username)
    if user is None:
        check_password_hash(_stand_in_hash(password_hash_method()), password)
        return None
    return user if user.check_password(password) else None


def create_user(username: str, password: str, role: str = Role.STUDENT) -> User:
    username = username.strip()
    if not USERNAME_PATTERN.match(username):
        raise AccountError("Usernames are 3 to 32 letters (ASCII a-z, no accents), digits, dots, dashes or underscores.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"Passwords have at most {MAX_PASSWORD_LENGTH} characters.")
    if role not in (Role.STUDENT, Role.TEACHER):
        raise AccountError(f"Unknown role {role!r}.")
    if find_user(username) is not None:
        raise AccountError(TAKEN)
    # Hashed as User.set_password does; scrypt is slow on purpose: once, however many tries the write takes.
    password_hash = generate_password_hash(password)

    def add_user() -> User:
        user = User(username=username, role=role, password_hash=password_hash)
        db.session.add(user)
        return user

    try:
        return commit_with_retry(db.session, add_user)
    except IntegrityError:
        # The same name, in any case, was signed up a moment ago by another request.
        raise AccountError(TAKEN) from None


def end_sessions(user: User) -> None:
    """Log the user out everywhere: every session cookie issued so far stops working."""
    commit_with_retry(db.session, user.end_sessions)
