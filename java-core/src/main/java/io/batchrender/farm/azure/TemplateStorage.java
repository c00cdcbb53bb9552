package io.batchrender.farm.azure;

import io.batchrender.storage.FileGroups;
import io.batchrender.storage.azure.AzureBlobStore;
import io.batchrender.storage.azure.ContainerSas;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The storage side of a template on Azure: the file groups it reads must exist in our storage
 * account; the ones it writes are created when missing; each container gets one SAS URL per
 * submission (read+list for inputs, write for outputs, {@link ContainerSas#DEFAULT_LIFETIME}),
 * never logged. Our storage account, not the Batch account's linked auto-storage, which may be
 * another account or none.
 */
final class TemplateStorage {

    private final java.util.function.Supplier<AzureBlobStore> opener;
    private AzureBlobStore store;
    private final Map<String, String> readUrls = new HashMap<>();
    private final Map<String, String> writeUrls = new HashMap<>();

    /**
     * @param opener opens our storage account, asked only when the template uses a file group (a
     *               template without file groups runs with no storage account configured); it
     *               gives null, or throws a one-line error, when none is configured
     */
    TemplateStorage(java.util.function.Supplier<AzureBlobStore> opener) {
        this.opener = opener;
    }

    /**
     * Checks that every container {@code refs} names can be used: a store is configured, and the
     * containers only read from exist.
     *
     * @throws UnsupportedTemplateException otherwise, naming the first missing one
     */
    void check(TemplateFileGroups.Refs refs, String where) {
        if (refs.isEmpty()) {
            return;
        }
        store = opener.get();
        if (store == null) {
            String first = !refs.inputs().isEmpty() ? refs.inputs().iterator().next() : refs.outputs().iterator().next();
            throw new UnsupportedTemplateException(where + " uses file group container " + first + ", so it needs Azure"
                    + " Storage: set AZURE_STORAGE_ACCOUNT (with AZURE_STORAGE_KEY, or sign in with 'az login') or"
                    + " AZURE_STORAGE_CONNECTION_STRING.");
        }
        for (String c : refs.inputs()) {
            // a container the job also writes (a merge task reading the frames) is created with the outputs
            if (!refs.outputs().contains(c) && !store.containerExists(c)) {
                String project = FileGroups.projectOf(c).orElse(null);
                throw new UnsupportedTemplateException(where + " reads " + (project == null ? "container " + c
                        : "file group '" + project + "' (container " + c + ")") + ", which is not in " + store.describe()
                        + (project == null ? ": upload the files to it first." : ": upload it with batchrender upload --project "
                        + project + " PATH..."));
            }
        }
    }

    /** Read+list SAS URLs of the input containers, one per container. */
    Function<String, String> readUrls() {
        return c -> readUrls.computeIfAbsent(c, k -> store.sas().readListUrl(k));
    }

    /** Write SAS URLs of the output containers, one per container. */
    Function<String, String> writeUrls() {
        return c -> writeUrls.computeIfAbsent(c, k -> store.sas().writeUrl(k));
    }

    /** Creates the output containers that are missing; returns the ones created. */
    List<String> createOutputs(Set<String> outputs) {
        List<String> created = new ArrayList<>();
        for (String c : outputs) {
            if (store.createContainer(c)) {
                created.add(c);
            }
        }
        return created;
    }

    /** Removes containers made by {@link #createOutputs} for a job that was never created (they are empty). */
    void deleteQuietly(List<String> created) {
        for (String c : created) {
            try {
                store.deleteContainer(c);
            } catch (RuntimeException ignored) {
                // the submission's own error is what the user needs to see
            }
        }
    }

    /** One note per container: which file group is read or written where, and until when its SAS lasts. */
    void describe(TemplateFileGroups.Refs refs, List<String> created, List<String> notes) {
        String until = Instant.now().plus(ContainerSas.DEFAULT_LIFETIME).truncatedTo(ChronoUnit.MINUTES).toString();
        for (String c : refs.inputs()) {
            notes.add("Reads container " + c + " in " + store.describe() + " (read+list SAS valid until " + until + ").");
        }
        for (String c : refs.outputs()) {
            notes.add("Writes outputs to container " + c + (created.contains(c) ? " (created)" : "") + " in " + store.describe()
                    + " (write SAS valid until " + until + ").");
        }
    }
}
