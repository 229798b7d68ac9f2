"""The package's version, written by the build (``_version.py``)."""

try:
    from ._version import __version__
except ImportError:  # pragma: no cover - only when the package was never built
    import warnings

    warnings.warn("Importing 'jupyterlab_envbuilder' outside a proper installation.", stacklevel=2)
    __version__ = "dev"

__all__ = ["__version__"]
