"""Use cases that touch the database; views and CLI commands both call these."""
