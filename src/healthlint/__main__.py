"""`python -m healthlint`, and the `healthlint` console script (`healthlint.__main__:main`)."""

import gc


def main() -> None:
    """The command line (healthlint.cli.run), imported with the cycle collector off: importing
    it and the modules it needs makes no garbage, yet would set off ~18 collections (~2.5 ms of a
    one-file check; run() then raises the collector's threshold for the rest of the run)."""
    gc.disable()
    try:
        from healthlint.cli import run
    finally:
        gc.enable()
    run()


if __name__ == "__main__":
    main()
