package io.batchrender.storage;

import java.util.regex.Pattern;

/** Azure's rule for container names, checked before any request so the message can say what to type. */
public final class ContainerNames {

    private static final Pattern VALID = Pattern.compile("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$");

    private ContainerNames() {
    }

    /** @throws IllegalArgumentException unless 3-63 lower-case letters, digits and single hyphens, not at either end */
    public static String check(String container) {
        if (container == null || !VALID.matcher(container).matches()) {
            throw new IllegalArgumentException("'" + container + "' is not a container name: use 3-63 lower-case letters,"
                    + " digits and single hyphens, starting and ending with a letter or digit");
        }
        return container;
    }
}
