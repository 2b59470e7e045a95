"""Which Qt platform a command runs on, so that no command aborts for want of a display.

Qt aborts the whole process (SIGABRT) when its platform plugin cannot start: on Linux
the native plugins (xcb, wayland) need a display server, and ``QT_QPA_PLATFORM`` set but
empty means "the native one". This module decides from the environment alone, before
anything creates a QGuiApplication:

- headless commands (the PDF export) always run on the ``offscreen`` platform: they draw
  into a file and never need a screen;
- the self-test uses the display when there is one (to check the real plugin), and
  ``offscreen`` when there is none;
- the window needs a platform that can start; without one the command line says so in
  one line instead of aborting.
"""

from __future__ import annotations

import os
import sys

ENV = "QT_QPA_PLATFORM"
#: Platforms that need no display server and are always there.
HEADLESS = ("offscreen", "minimal")


def _native_is_display_server() -> bool:
    """True where Qt's native platform needs a display server (X11, Wayland)."""
    return not (sys.platform.startswith("win") or sys.platform == "darwin")


def requested() -> list[str]:
    """The platforms named by ``QT_QPA_PLATFORM`` (Qt tries them in order), without their
    options; empty when it is unset or empty (Qt then uses the native one)."""
    value = os.environ.get(ENV, "")
    return [p.split(":", 1)[0].strip().lower() for p in value.split(";") if p.strip()]


def _display_server_for(name: str) -> bool:
    if name == "xcb":
        return bool(os.environ.get("DISPLAY"))
    if name.startswith("wayland"):
        return bool(os.environ.get("WAYLAND_DISPLAY") or os.environ.get("WAYLAND_SOCKET"))
    return True  # eglfs, linuxfb, vnc, windows, cocoa, ...: no display server to look for


def _native_usable() -> bool:
    if not _native_is_display_server():
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("WAYLAND_SOCKET")
    )


def platform_can_start() -> bool:
    """Whether a QGuiApplication can start with the platforms asked for (offscreen
    counts: it starts, with nothing to see)."""
    names = requested()
    if not names:
        return _native_usable()
    return any(n in HEADLESS or _display_server_for(n) for n in names)


def has_display() -> bool:
    """Whether there is a screen a dialog can be shown on."""
    names = requested()
    if not names:
        return _native_usable()
    if names[0] in HEADLESS:
        return False
    return any(n not in HEADLESS and _display_server_for(n) for n in names)


def use_offscreen() -> None:
    """For a headless command: draw offscreen, whatever the environment says."""
    if not requested() or requested()[0] not in HEADLESS:
        os.environ[ENV] = "offscreen"


def use_display_or_offscreen() -> None:
    """For the self-test: the display when there is one (so that it checks the real
    platform plugin), offscreen when there is none."""
    if not has_display():
        use_offscreen()


def no_display_message() -> str:
    """Why the window cannot be shown here, in one sentence for the command line."""
    names = requested()
    why = (
        f"{ENV} is {os.environ.get(ENV)!r} and its display is not set"
        if names
        else "neither DISPLAY nor WAYLAND_DISPLAY is set"
    )
    return (
        f"there is no display to show the window on ({why}). Start it in a desktop session, "
        "or use a command that needs no window (see careerplanner --help)."
    )
