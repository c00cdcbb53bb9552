package io.batchrender.farm.azure;

import com.microsoft.azure.batch.protocol.models.BatchErrorException;
import io.batchrender.farm.FarmException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place that turns what the Batch service or the network says into a one-line {@link FarmException}. */
final class BatchErrors {

    private static final Logger LOG = Logger.getLogger(BatchErrors.class.getName());

    private BatchErrors() {
    }

    /** The service's error code of {@code e}, if it is a service error. */
    static Optional<String> code(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BatchErrorException be && be.body() != null && be.body().code() != null) {
                return Optional.of(be.body().code());
            }
        }
        return Optional.empty();
    }

    static int status(Throwable e) {
        return e instanceof BatchErrorException be && be.response() != null ? be.response().code() : 0;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Whether the refused request carried an Entra ID bearer token (the request as sent, after the interceptors). */
    private static boolean bearer(Throwable e) {
        BatchErrorException be = cause(e, BatchErrorException.class);
        if (be == null || be.response() == null || be.response().raw() == null) {
            return false;
        }
        String auth = be.response().raw().request().header("Authorization");
        return auth != null && auth.startsWith("Bearer ");
    }

    /** A one-line message for {@code e}, which happened while doing {@code what} ("creating job X"). */
    static FarmException explain(String what, Throwable e) {
        LOG.log(Level.FINE, what, e);
        int status = status(e);
        String code = code(e).orElse("");
        String msg;
        EntraBatchCredentials.EntraSignInException signIn = cause(e, EntraBatchCredentials.EntraSignInException.class);
        if (signIn != null) {
            msg = signIn.getMessage();
        } else if ((status == 401 || status == 403) && bearer(e)) {
            msg = "authentication failed: Azure Batch refused your Microsoft Entra ID sign-in: check the Batch account URL, "
                    + "that the identity you signed in with has a role on the account (e.g. Azure Batch Data Contributor) "
                    + "and its tenant ('az login --tenant'), or set " + BatchAccount.ACCESS_KEY;
        } else if (status == 401 || status == 403) {
            msg = "authentication failed: check the Batch account name, URL and key";
        } else if (code.equals("PoolNotFound")) {
            msg = "Pool not found while " + what + ": list the pools with 'batchrender pools --farm azure'.";
        } else if (code.equals("PoolExists")) {
            msg = "A pool of that id already exists (" + what + "): choose another id, or use it as an existing pool.";
        } else if (code.equals("JobExists")) {
            msg = "A job of that id already exists (" + what + "): submit again to get a new id.";
        } else if (code.equals("JobNotFound")) {
            msg = "No such job on the Batch account (" + what + "): list them with 'batchrender jobs --farm azure'.";
        } else if (code.endsWith("QuotaReached") || code.contains("Quota")) {
            msg = "The Batch account's quota is reached (" + code + ") while " + what
                    + ": delete unused pools or jobs, or ask Azure support for a higher quota.";
        } else if (code.equals("PoolBeingDeleted") || code.equals("JobBeingDeleted")) {
            msg = "It is being deleted (" + code + ") while " + what + ": wait a moment and try again.";
        } else if (e instanceof UnknownHostException || e.getCause() instanceof UnknownHostException) {
            msg = "Cannot find the Batch account's host while " + what + ": check AZURE_BATCH_ENDPOINT.";
        } else if (e instanceof ConnectException || e.getCause() instanceof ConnectException) {
            msg = "Cannot connect to the Batch account while " + what + ": check AZURE_BATCH_ENDPOINT and the network.";
        } else if (e instanceof InterruptedIOException) {
            msg = "The Batch service did not answer in time while " + what + ": try again.";
        } else if (e instanceof BatchErrorException be) {
            String detail = be.body() != null && be.body().message() != null && be.body().message().value() != null
                    ? be.body().message().value().lines().findFirst().orElse("") : be.getMessage();
            msg = "Batch refused " + what + ": " + (code.isEmpty() ? "HTTP " + status : code) + ": " + detail;
        } else if (e instanceof IOException) {
            msg = "Talking to the Batch service failed while " + what + ": " + e.getMessage();
        } else {
            msg = "Batch failed while " + what + ": " + e;
        }
        return new FarmException(msg, e);
    }
}
