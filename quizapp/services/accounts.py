"""Creating users and checking their credentials."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from functools import cache

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..database import commit_with_retry
from ..extensions import db
from ..models import Invitation, Role, User, password_hash_method, username_key, utcnow

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


def _check_new_user(username: str, password: str) -> None:
    if not USERNAME_PATTERN.match(username):
        raise AccountError("Usernames are 3 to 32 letters (ASCII a-z, no accents), digits, dots, dashes or underscores.")
    _check_new_password(password)
    if find_user(username) is not None:
        raise AccountError(TAKEN)


def create_user(username: str, password: str, role: str = Role.STUDENT) -> User:
    username = username.strip()
    if role not in (Role.STUDENT, Role.TEACHER):
        raise AccountError(f"Unknown role {role!r}.")
    _check_new_user(username, password)
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


# --- changing and resetting passwords ------------------------------------------------------------


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"Passwords have at most {MAX_PASSWORD_LENGTH} characters.")


def change_password(user: User, current: str, new: str) -> None:
    """The user's own new password; every other session of theirs ends (the caller logs this one
    in again). A one-time password set by a teacher is replaced the same way."""
    if not user.check_password(current):
        raise AccountError("Your current password is not right.")
    _check_new_password(new)
    if new == current:
        raise AccountError("Choose a password other than the current one.")
    password_hash = generate_password_hash(new, method=password_hash_method())

    def change() -> None:
        user.password_hash, user.must_change_password = password_hash, False
        user.end_sessions()

    commit_with_retry(db.session, change)


def reset_password(student: User) -> str:
    """Give a student a one-time password (returned, to tell them; only its hash is stored). Their
    sessions end, and at their next login they must choose their own."""
    if student.role != Role.STUDENT:
        raise AccountError("Only a student's password can be reset by a teacher.")
    one_time = "-".join(secrets.token_hex(2) for _ in range(3))  # e.g. 3fa2-91c0-7d4e: easy to read out
    password_hash = generate_password_hash(one_time, method=password_hash_method())

    def change() -> None:
        student.password_hash, student.must_change_password = password_hash, True
        student.end_sessions()

    commit_with_retry(db.session, change)
    return one_time


# --- inviting teachers -------------------------------------------------------------------------

INVITATION_DAYS = 7


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(teacher: User, days: int = INVITATION_DAYS) -> str:
    """A single-use invitation for another teacher; returns its token, which only its link holds."""
    if not teacher.is_teacher:
        raise AccountError("Only a teacher can invite a teacher.")
    token = secrets.token_urlsafe(24)

    def add() -> None:
        db.session.add(Invitation(token_hash=_token_hash(token), invited_by_id=teacher.id, expires_at=utcnow() + timedelta(days=days)))

    commit_with_retry(db.session, add)
    return token


def invitation_problem(token: str) -> str | None:
    """Why an invitation link cannot be used, in a sentence; None when it can."""
    invitation = db.session.execute(db.select(Invitation).filter_by(token_hash=_token_hash(token))).scalar_one_or_none()
    if invitation is None:
        return "This invitation link is not valid. Ask the teacher who invited you for a new one."
    if invitation.used_at is not None:
        return "This invitation has already been used. Ask the teacher who invited you for a new one."
    if invitation.expires_at <= utcnow():
        return "This invitation has expired. Ask the teacher who invited you for a new one."
    return None


def accept_invitation(token: str, username: str, password: str) -> User:
    """A teacher account from an invitation, which is used up in the same transaction: two sign-ups
    on one link make one account (the claim is one guarded UPDATE)."""
    username = username.strip()
    _check_new_user(username, password)
    password_hash = generate_password_hash(password, method=password_hash_method())
    invitations = Invitation.__table__

    def use() -> User | None:
        now = utcnow()
        claimed = db.session.execute(
            update(invitations)
            .where(invitations.c.token_hash == _token_hash(token), invitations.c.used_at.is_(None), invitations.c.expires_at > now)
            .values(used_at=now)
            .returning(invitations.c.id)
        ).scalar_one_or_none()
        if claimed is None:
            return None
        user = User(username=username, role=Role.TEACHER, password_hash=password_hash)
        db.session.add(user)
        db.session.flush()
        db.session.execute(update(invitations).where(invitations.c.id == claimed).values(used_by_id=user.id))
        return user

    try:
        user = commit_with_retry(db.session, use)
    except IntegrityError:
        raise AccountError(TAKEN) from None  # the invitation stays unused: the same transaction
    if user is None:
        raise AccountError(invitation_problem(token) or "This invitation cannot be used.")
    return user
