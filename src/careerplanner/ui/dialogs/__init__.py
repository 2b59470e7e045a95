"""Dialogs about the user's data: restoring backups, a database that cannot be opened,
failed writes."""
