package io.batchrender.farm.azure.testdouble;

/** An error answer of the service: its HTTP status and Batch error code. */
final class ServiceError extends RuntimeException {
    final int status;
    final String code;
    /** The service's {@code AuthenticationErrorDetail} value, or null. */
    final String authDetail;

    ServiceError(int status, String code, String message) {
        this(status, code, message, null);
    }

    ServiceError(int status, String code, String message, String authDetail) {
        super(message);
        this.status = status;
        this.code = code;
        this.authDetail = authDetail;
    }

    static ServiceError notFound(String code, String message) {
        return new ServiceError(404, code, message);
    }

    static ServiceError conflict(String code, String message) {
        return new ServiceError(409, code, message);
    }

    static ServiceError badRequest(String code, String message) {
        return new ServiceError(400, code, message);
    }
}
