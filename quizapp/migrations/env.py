"""Alembic environment for quizapp, run through Flask-Migrate inside an app context.

Unlike the stock template it leaves the app's logging alone (no fileConfig), so that
running migrations at start-up does not silence the app's loggers.
"""

from alembic import context
from flask import current_app

target_db = current_app.extensions["migrate"].db


def run_migrations_offline() -> None:
    context.configure(
        url=target_db.engine.url.render_as_string(hide_password=False),
        target_metadata=target_db.metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    def skip_empty_autogenerate(context_, revision, directives):
        script = directives[0]
        if getattr(context_.config.cmd_opts, "autogenerate", False) and script.upgrade_ops.is_empty():
            directives[:] = []

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", skip_empty_autogenerate)
    with target_db.engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            # Batch mode changes a SQLite table by copying it and dropping the old one; with foreign
            # keys on, that DROP deletes every row referring to it (ON DELETE CASCADE): a user's
            # attempts, classes, answers. Off while migrating (it cannot change inside a
            # transaction), and the references checked before it is on again.
            connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
            connection.commit()
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction():
            context.run_migrations()
        if sqlite:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()
            if broken:
                raise RuntimeError(f"The migration left rows referring to rows that do not exist: {broken[:5]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
