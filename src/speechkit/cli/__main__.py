"""``python -m speechkit.cli``: the same command as ``speechkit``."""

from . import main

if __name__ == "__main__":
    main(prog_name="speechkit")
