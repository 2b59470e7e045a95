"""Shared widgets and helpers used by every tab: labels, actions, table models, the tab base."""
