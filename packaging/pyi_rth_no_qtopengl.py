"""PyInstaller runtime hook: a stand-in for PySide6.QtOpenGL, which build.spec leaves out.

pyqtgraph imports PySide6.QtOpenGL when its PlotCurveItem module loads, and uses it only to
draw curves with OpenGL, when a plot widget is created with useOpenGL=True. Career Planner's
charts never do, and the binding module weighs 8.5 MB (it wraps every OpenGL function
table). This empty module satisfies the import; touching anything in it raises an error that
says why, instead of a crash.
"""


def _install_stand_in() -> None:
    import sys
    import types

    name = "PySide6.QtOpenGL"
    if name in sys.modules:
        return
    module = types.ModuleType(name, __doc__)

    def __getattr__(attr: str) -> object:
        raise AttributeError(
            f"{name}.{attr}: QtOpenGL is left out of this build of Career Planner "
            "(build.spec); OpenGL drawing is not available"
        )

    module.__getattr__ = __getattr__  # type: ignore[method-assign]
    sys.modules[name] = module


_install_stand_in()
del _install_stand_in
