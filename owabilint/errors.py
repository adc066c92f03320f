"""Exceptions that end up as one clear line for the user (exit code 2)."""


class OwabilintError(Exception):
    """Base class: the message is shown to the user as is."""


class RuleError(OwabilintError):
    """A rule file or lexicon is malformed."""


class ConfigError(OwabilintError):
    """The configuration is malformed."""


class InputError(OwabilintError):
    """An input file cannot be read as a draft."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
