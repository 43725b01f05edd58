"""``python -m speechkit``: the same command as ``speechkit``."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="speechkit")
