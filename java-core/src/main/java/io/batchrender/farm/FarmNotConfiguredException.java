package io.batchrender.farm;

import java.util.List;

/**
 * A farm that needs an account which is not (fully) set: the Azure farm without its Batch
 * account's URL, name or key. {@link #missing()} names each missing part in words
 * ({@code URL}, {@code name}, {@code key}) for the panel.
 */
public final class FarmNotConfiguredException extends FarmException {

    private final List<String> missing;

    public FarmNotConfiguredException(List<String> missing, String message) {
        super(message);
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
