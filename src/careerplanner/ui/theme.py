"""Light and dark themes: follow the system's colour scheme, or a choice in View → Theme.

The app uses the Fusion style with one of two palettes so every widget, chart and the
heatmap (which all paint from the palette) look the same on every OS.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from careerplanner.services import settings

#: The theme setting's choices, in menu order.
MODES = settings.THEME.choices
SYSTEM, LIGHT, DARK = MODES
LABELS = {SYSTEM: "Follow the &System", LIGHT: "&Light", DARK: "&Dark"}


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, alt, text = (
        QColor(37, 39, 44),
        # Lighter than the window so that check boxes and fields stand out from it.
        QColor(46, 49, 56),
        QColor(52, 55, 63),
        QColor(230, 232, 235),
    )
    disabled = QColor(128, 132, 140)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.ToolTipBase: alt,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(150, 155, 163),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(48, 51, 58),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 110, 110),
        QPalette.ColorRole.Light: QColor(70, 74, 82),
        QPalette.ColorRole.Midlight: QColor(58, 62, 69),
        QPalette.ColorRole.Mid: QColor(80, 85, 94),
        QPalette.ColorRole.Dark: QColor(20, 21, 24),
        QPalette.ColorRole.Shadow: QColor(0, 0, 0),
        QPalette.ColorRole.Highlight: QColor(59, 130, 246),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Link: QColor(96, 165, 250),
        QPalette.ColorRole.LinkVisited: QColor(167, 139, 250),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):  # fmt: skip
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def light_palette() -> QPalette:
    p = QPalette(QColor(240, 241, 243))
    p.setColor(QPalette.ColorRole.Base, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(245, 247, 250))
    p.setColor(QPalette.ColorRole.Highlight, QColor(37, 99, 235))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(110, 116, 125))
    p.setColor(QPalette.ColorRole.Link, QColor(29, 78, 216))
    return p


def effective(mode: str) -> str:
    """LIGHT or DARK for a stored mode."""
    if mode == SYSTEM or mode not in MODES:
        return DARK if system_is_dark() else LIGHT
    return mode


def apply(mode: str, app: QApplication | None = None) -> str:
    """Apply ``mode`` to the application; returns LIGHT or DARK."""
    app = app or QApplication.instance()  # type: ignore[assignment]
    if not isinstance(app, QApplication):
        return LIGHT
    chosen = effective(mode)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(dark_palette() if chosen == DARK else light_palette())
    return chosen
