"""Exports of the user's plan (PDF, iCalendar, JSON, Markdown). May use QtGui, never ui/."""
