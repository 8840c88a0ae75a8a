"""Errors the server reports: an HTTP status, a stable code and one sentence in Bahasa Indonesia."""

from __future__ import annotations


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: object) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra  # further fields of the error's `detail` (e.g. who holds a claimed NIK)

    def __str__(self) -> str:
        return self.message


def invalid(message: str) -> ApiError:
    return ApiError(422, "invalid", message)


def forbidden(message: str) -> ApiError:
    return ApiError(403, "forbidden", message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "not_found", message)
