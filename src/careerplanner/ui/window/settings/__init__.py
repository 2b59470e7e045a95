"""The Settings dialog: one small page per group of settings.

Each page (``page.SettingsPage``) is a widget that loads its values from the store and
saves them, through the declarations of ``services.settings``; the dialog lists the pages
and saves them all, at once, on OK (the shape of MusicBrainz Picard's options pages).
"""

from careerplanner.ui.window.settings.dialog import SettingsDialog

__all__ = ["SettingsDialog"]
