"""``cached``: an attribute computed on first use and kept in the instance, without a lock.

functools.cached_property does the same, but on Python 3.11 it takes a lock shared by
every instance of the class at each first use (the lock was removed in 3.12): for the
thousands of sentences a re-lint reads that lock cost more than most of the values
themselves. Two threads asking at once may both compute the value, as on 3.12; the
document model's values are the same whoever computes them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class cached(Generic[T]):
    """Decorator: the method's result replaces it on the instance (its ``__dict__``)."""

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached[T]: ...

    @overload
    def __get__(self, instance: object, owner: type | None = None) -> T: ...

    def __get__(self, instance: object | None, owner: type | None = None) -> T | cached[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value
