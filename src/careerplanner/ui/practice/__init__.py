"""Widgets of the Interview Practice tab: bank model, timer, session, history, dialogs."""
