"""Creating users and checking their credentials."""

from __future__ import annotations

import re

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
        raise AccountError("Usernames are 3 to 32 letters, digits, dots, dashes or underscores.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.")
    if role not in (Role.STUDENT, Role.TEACHER):
        raise AccountError(f"Unknown role {role!r}.")
    if find_user(username) is not None:
        raise AccountError(f"The username {username!r} is taken.")
    user = User(username=username, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user
