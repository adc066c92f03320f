"""The entry point of ``owabilint`` (the console script) and ``python -m owabilint``.

Python's cycle collector is paused before the command line's modules are imported
(see owabilint.collector): importing typer and the engine allocates objects it would
otherwise walk again and again.
"""

from owabilint import collector


def main() -> None:
    collector.pause()
    from owabilint.cli import run

    run()


if __name__ == "__main__":
    main()
