"""Atomic file writes: a temporary file in the target folder, then a rename, so no reader sees half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import PlaygroundError
from .i18n import translate


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; on failure an earlier file at ``path`` is left intact."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if not folder.is_dir():
            if folder.exists():
                raise PlaygroundError(translate("Files", "cannot write {path}: {folder} is not a folder")
                                      .format(path=path, folder=folder))
            raise PlaygroundError(translate("Files", "cannot write {path}: the folder {folder} does not exist")
                                  .format(path=path, folder=folder))
        if path.is_dir():
            raise PlaygroundError(translate("Files", "cannot write {path}: it is a folder").format(path=path))
    except OSError as e:  # e.g. a name too long: is_dir() only swallows "not found"-like errors
        raise _cannot_write(path, e) from None
    try:
        # the name is cut so a long (but legal) target name still leaves room for the temporary one
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=folder)
    except (OSError, ValueError) as e:
        raise _cannot_write(path, e) from None
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o666 & ~_umask())  # mkstemp's 0600 would surprise users; honour the umask
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:  # whatever happened (even Ctrl+C), leave no temporary file behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, (OSError, ValueError)):  # ValueError: e.g. a NUL byte in the name
            raise _cannot_write(path, e) from None
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as e:  # a lone surrogate
        raise PlaygroundError(translate("Files", "cannot write {path}: {char} is not valid Unicode text")
                              .format(path=path, char=repr(text[e.start]))) from None
    atomic_write_bytes(path, data)


def _cannot_write(path: Path, e: Exception) -> PlaygroundError:
    reason = (e.strerror if isinstance(e, OSError) else None) or str(e)
    return PlaygroundError(translate("Files", "cannot write {path}: {reason}").format(path=path, reason=reason))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
