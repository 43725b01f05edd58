"""Legacy Word 97-2003 .doc, through the Debian programs ``antiword`` or ``catdoc``.

The bytes go to a temporary file; the program runs with a timeout and UTF-8 output. Paragraphs
come back one per line (no re-wrapping).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from speechkit.errors import InputError, MissingDependencyError
from speechkit.readers._raw import RawText
from speechkit.readers.text import looks_binary

TIMEOUT_SECONDS = 60.0
INSTALL_HINT = "reading legacy .doc needs antiword or catdoc: install Debian package antiword or catdoc"


def _commands(path: str) -> list[tuple[str, list[str]]]:
    cmds = []
    antiword = shutil.which("antiword")
    if antiword:
        cmds.append(("antiword", [antiword, "-m", "UTF-8.txt", "-w", "0", path]))
    catdoc = shutil.which("catdoc")
    if catdoc:
        cmds.append(("catdoc", [catdoc, "-w", "-d", "utf-8", path]))
    return cmds


def _clean(output: str) -> str:
    lines = [line.rstrip() for line in output.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line.strip())


def read_doc(data: bytes, *, name: str = "<bytes>", timeout: float = TIMEOUT_SECONDS) -> RawText:
    """Read a legacy .doc with antiword (preferred) or catdoc.

    Raises MissingDependencyError when neither is installed; InputError when both fail
    ("password-protected document" when the program says the file is encrypted).

    >>> read_doc(open("讲话.doc", "rb").read(), name="讲话.doc").text  # doctest: +SKIP
    '同志们：\\n今天，我们召开会议……'
    """
    fd, path = tempfile.mkstemp(suffix=".doc", prefix="speechkit-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        commands = _commands(path)
        if not commands:
            raise MissingDependencyError(INSTALL_HINT)
        complaints = []
        for program, argv in commands:
            try:
                proc = subprocess.run(
                    argv, capture_output=True, timeout=timeout, check=False, stdin=subprocess.DEVNULL
                )
            except subprocess.TimeoutExpired:
                complaints.append(f"{program} timed out")
                continue
            except OSError as e:
                complaints.append(f"{program}: {e.__class__.__name__}")
                continue
            err = proc.stderr.decode("utf-8", "replace").lower()
            if "encrypt" in err or "password" in err:
                raise InputError(name, "password-protected document")
            text = _clean(proc.stdout.decode("utf-8", "replace"))
            if proc.returncode == 0 and text and not looks_binary(text):
                return RawText(text, "doc", {"source_format": "doc", "reader": program})
            complaints.append(program)
        reason = "corrupt or unreadable .doc"
        if any("timed out" in c for c in complaints):
            reason += f" ({'; '.join(complaints)})"
        raise InputError(name, reason)
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
