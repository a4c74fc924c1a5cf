"""Classes: teachers create them, students join with a code."""

from __future__ import annotations

import secrets

from ..database import commit_with_retry
from ..extensions import db
from ..models import Classroom, Enrollment, User

# No 0/O or 1/I/L: codes are read aloud and copied from a board.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


class ClassError(ValueError):
    """A user-facing reason why joining or creating a class failed."""


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def new_join_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.execute(db.select(Classroom.id).filter_by(join_code=code)).first() is None:
            return code


def create_class(teacher: User, name: str) -> Classroom:
    name = " ".join(name.split())
    if not name:
        raise ClassError("Give the class a name.")
    teacher_id = teacher.id

    def add_class() -> Classroom:
        classroom = Classroom(name=name, teacher_id=teacher_id, join_code=new_join_code())
        db.session.add(classroom)
        return classroom

    return commit_with_retry(db.session, add_class)


def rename_class(classroom: Classroom, name: str) -> None:
    name = " ".join(name.split())
    if not name:
        raise ClassError("Give the class a name.")

    def rename() -> None:
        classroom.name = name

    commit_with_retry(db.session, rename)


def renew_join_code(classroom: Classroom) -> str:
    """A new code (the old one was shared too widely); students already in the class stay."""

    def renew() -> str:
        classroom.join_code = new_join_code()
        return classroom.join_code

    return commit_with_retry(db.session, renew)


def remove_student(classroom: Classroom, user_id: int) -> User | None:
    """Take a student out of the class; returns them, or None if they were not in it.

    Their attempts and scores stay; they no longer see the class's quizzes (the code lets them back in).
    """
    classroom_id = classroom.id

    def remove() -> User | None:
        enrollment = db.session.execute(
            db.select(Enrollment).filter_by(classroom_id=classroom_id, user_id=user_id)
        ).scalar_one_or_none()
        if enrollment is None:
            return None
        student = enrollment.user
        db.session.delete(enrollment)
        return student

    return commit_with_retry(db.session, remove)


def join_class(user: User, code: str) -> tuple[Classroom, bool]:
    """Enrol ``user`` in the class with this code. Returns (class, newly_joined)."""
    classroom = db.session.execute(
        db.select(Classroom).filter_by(join_code=normalise_code(code))
    ).scalar_one_or_none()
    if classroom is None:
        raise ClassError("No class has that code. Check it with your teacher.")
    if classroom.teacher_id == user.id:
        raise ClassError("You teach this class; students join it with its code.")
    classroom_id, user_id = classroom.id, user.id

    def enrol() -> bool:
        existing = db.session.execute(
            db.select(Enrollment.id).filter_by(classroom_id=classroom_id, user_id=user_id)
        ).first()
        if existing is not None:
            return False
        db.session.add(Enrollment(classroom_id=classroom_id, user_id=user_id))
        return True

    return classroom, commit_with_retry(db.session, enrol)


def classes_of(user: User) -> list[Classroom]:
    return list(
        db.session.execute(
            db.select(Classroom).join(Enrollment).where(Enrollment.user_id == user.id).order_by(Classroom.name)
        ).scalars()
    )
