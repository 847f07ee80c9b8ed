"""Zip archives read in place: every way a damaged archive fails becomes one located DataError.

Opening a zip file checks only its central directory; the bytes of a member are decompressed,
and their CRC checked, when the member is read. A damaged archive can therefore fail late, with
any of :class:`zipfile.BadZipFile`, :class:`zlib.error`, :class:`OSError`, :class:`EOFError`,
:class:`NotImplementedError` (an unsupported compression) or :class:`RuntimeError` (an encrypted
member). :func:`read_members` turns each into a :class:`~govsocial.schema.DataError` naming the
archive and the member.

Public function: :func:`read_members`.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable

from govsocial.io.core import PathLike, readable_file
from govsocial.schema import DataError

__all__ = ["read_members"]

_DAMAGE = (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError)


def read_members(
    path: PathLike, wanted: Callable[[zipfile.ZipInfo], bool] = lambda info: not info.is_dir()
) -> list[tuple[str, bytes]]:
    r"""Return the name and bytes of each member of a zip archive that ``wanted`` accepts.

    Parameters
    ----------
    path : str or path-like
        The archive.
    wanted : callable, optional
        Which members to read (by default every file, no folders).

    Returns
    -------
    list of (str, bytes)
        The members in the archive's order.

    Raises
    ------
    DataError
        When the path is not a readable file, the file is not a zip archive, or a member
        cannot be read (damaged bytes, a bad checksum, an unsupported compression, a password).

    Examples
    --------
    >>> import io, tempfile, zipfile
    >>> folder = tempfile.TemporaryDirectory()
    >>> path = f"{folder.name}/a.zip"
    >>> with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
    ...     archive.writestr("ids.txt", "1\n2\n" * 50)
    >>> [(name, len(data)) for name, data in read_members(path)]
    [('ids.txt', 200)]
    >>> raw = bytearray(open(path, "rb").read()); raw[40] ^= 0xFF
    >>> _ = open(path, "wb").write(bytes(raw))
    >>> read_members(path)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    govsocial.schema.DataError: .../a.zip:ids.txt: the archive is damaged: this member ...
    >>> folder.cleanup()
    """
    found = readable_file(path)
    shown = str(path)
    if not zipfile.is_zipfile(found):
        raise DataError(
            "the file is not a zip archive (damaged, or another format named .zip)",
            file=shown,
            expected="a zip archive",
            found=repr(found.read_bytes()[:20]),
        )
    members: list[tuple[str, bytes]] = []
    try:
        archive = zipfile.ZipFile(found)
    except _DAMAGE as error:
        raise DataError("the archive is damaged", file=shown, expected="a readable zip archive",
                        found=f"{type(error).__name__}: {error}") from None
    with archive:
        for info in archive.infolist():
            if not wanted(info):
                continue
            try:
                members.append((info.filename, archive.read(info)))
            except _DAMAGE as error:
                raise DataError(
                    "the archive is damaged: this member cannot be read",
                    file=f"{shown}:{info.filename}",
                    expected="a member that decompresses with a correct checksum",
                    found=f"{type(error).__name__}: {error}",
                ) from None
    return members
