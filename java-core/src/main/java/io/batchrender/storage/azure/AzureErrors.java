package io.batchrender.storage.azure;

import com.azure.storage.blob.models.BlobStorageException;
import io.batchrender.storage.StorageException;
import io.batchrender.storage.StorageException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeoutException;

/** The one place that turns what the Azure SDK throws into {@link StorageException}s a user can act on. */
final class AzureErrors {

    private AzureErrors() {
    }

    static StorageException map(RuntimeException e, String what, String where) {
        if (e instanceof StorageException se) {
            return se;
        }
        if (e instanceof BlobStorageException b) {
            int status = b.getStatusCode();
            String code = b.getErrorCode() == null ? "" : b.getErrorCode().toString();
            if (status == 404) {
                return new StorageException(Kind.NOT_FOUND, what + ": not found in " + where + " (" + code + ")", e);
            }
            if (status == 401 || status == 403) {
                return new StorageException(Kind.ACCESS_DENIED, what + ": access denied by " + where + " (" + code
                        + "): check the account key or SAS, or give your Entra ID user the role"
                        + " 'Storage Blob Data Contributor'", e);
            }
            if (code.equalsIgnoreCase("Md5Mismatch") || code.equalsIgnoreCase("InvalidMd5")) {
                return new StorageException(Kind.INTEGRITY, what + ": the service received bytes that do not match their MD5", e);
            }
            if (status == 408 || status == 429 || status >= 500) {
                return new StorageException(Kind.TRANSIENT, what + ": " + where + " is busy or failing (HTTP " + status + " "
                        + code + ")", e);
            }
            return new StorageException(Kind.OTHER, what + ": refused by " + where + " (HTTP " + status + " " + code + ")", e);
        }
        Throwable cause = e;
        while (cause != null) {
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return new StorageException(Kind.TRANSIENT, what + ": cannot reach " + where + " ("
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")", e);
            }
            cause = cause.getCause();
        }
        if (e instanceof UncheckedIOException) {
            return new StorageException(Kind.TRANSIENT, what + ": " + e.getMessage(), e);
        }
        return new StorageException(Kind.OTHER, what + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), e);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
