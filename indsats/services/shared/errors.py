"""Errors a use case raises; the interfaces translate them to HTTP statuses or exit codes."""


class ServiceError(Exception):
    """Base class; ``str(error)`` is a Danish message fit for the user."""


class NotFound(ServiceError):
    pass


class Forbidden(ServiceError):
    pass


class InvalidInput(ServiceError):
    pass


class InvalidField(InvalidInput):
    """Bad input in one named field; forms show the message at that field."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class AuthenticationFailed(ServiceError):
    pass


class Conflict(ServiceError):
    """The write collides with another (a full company centre, a profile created twice); answered 409."""
