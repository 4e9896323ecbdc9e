"""Errors of newsindex calls: one exception type per gRPC status."""
import grpc


class NewsindexError(Exception):
    """A call failed.

    Attributes:
        code: the grpc.StatusCode the service (or the channel) answered.
        message: the status message; the services name the field and the
            limit at fault.
        request_id: the call's x-request-id, which the services log with
            the call: quote it when reporting a failure.
        method: the RPC, e.g. "SearchService/Search".
    """

    def __init__(self, code, message, request_id, method):
        super().__init__("%s: %s: %s (request id %s)" %
                         (method, code.name, message, request_id))
        self.code = code
        self.message = message
        self.request_id = request_id
        self.method = method


class NotFoundError(NewsindexError):
    """NOT_FOUND: no article or entity has that id."""


class InvalidArgumentError(NewsindexError):
    """INVALID_ARGUMENT: a field of the request is wrong (named in message)."""


class UnauthenticatedError(NewsindexError):
    """UNAUTHENTICATED: no token, or one the service does not know."""


class PermissionDeniedError(NewsindexError):
    """PERMISSION_DENIED: the token lacks the method's scope."""


class ResourceExhaustedError(NewsindexError):
    """RESOURCE_EXHAUSTED: a size or load limit (named in message)."""


class UnavailableError(NewsindexError):
    """UNAVAILABLE: the service cannot be reached or is shutting down."""


_BY_CODE = {
    grpc.StatusCode.NOT_FOUND: NotFoundError,
    grpc.StatusCode.INVALID_ARGUMENT: InvalidArgumentError,
    grpc.StatusCode.UNAUTHENTICATED: UnauthenticatedError,
    grpc.StatusCode.PERMISSION_DENIED: PermissionDeniedError,
    grpc.StatusCode.RESOURCE_EXHAUSTED: ResourceExhaustedError,
    grpc.StatusCode.UNAVAILABLE: UnavailableError,
}


def from_rpc_error(error, request_id, method):
    """The NewsindexError (subclass) for a grpc.RpcError."""
    cls = _BY_CODE.get(error.code(), NewsindexError)
    return cls(error.code(), error.details() or "", request_id, method)
