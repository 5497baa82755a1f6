"""Errors a use case raises; the interfaces translate them to HTTP statuses or exit codes."""


class ServiceError(Exception):
    """Base class; ``str(error)`` is a Danish message fit for the user."""


class NotFound(ServiceError):
    pass


class Forbidden(ServiceError):
    pass


class InvalidInput(ServiceError):
    pass


class AuthenticationFailed(ServiceError):
    pass


class Conflict(ServiceError):
    """The write collides with another (a full company centre, a profile created twice); answered 409."""
