"""Creating users and checking their credentials."""

from __future__ import annotations

import re

from werkzeug.security import generate_password_hash

from ..database import commit_with_retry
from ..extensions import db
from ..models import Role, User

USERNAME_PATTERN = re.compile(r"^[A-Za-z0-9_.-]{3,32}$")
MIN_PASSWORD_LENGTH = 8


class AccountError(ValueError):
    """A user-facing reason why an account cannot be created."""


def find_user(username: str) -> User | None:
    return db.session.execute(
        db.select(User).where(db.func.lower(User.username) == username.strip().lower())
    ).scalar_one_or_none()


def create_user(username: str, password: str, role: str = Role.STUDENT) -> User:
    username = username.strip()
    if not USERNAME_PATTERN.match(username):
        raise AccountError("Usernames are 3 to 32 letters (ASCII a-z, no accents), digits, dots, dashes or underscores.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.")
    if role not in (Role.STUDENT, Role.TEACHER):
        raise AccountError(f"Unknown role {role!r}.")
    if find_user(username) is not None:
        raise AccountError(f"The username {username!r} is taken.")
    # Hashed as User.set_password does; scrypt is slow on purpose: once, however many tries the write takes.
    password_hash = generate_password_hash(password)

    def add_user() -> User:
        user = User(username=username, role=role, password_hash=password_hash)
        db.session.add(user)
        return user

    return commit_with_retry(db.session, add_user)


def end_sessions(user: User) -> None:
    """Log the user out everywhere: every session cookie issued so far stops working."""
    commit_with_retry(db.session, user.end_sessions)
