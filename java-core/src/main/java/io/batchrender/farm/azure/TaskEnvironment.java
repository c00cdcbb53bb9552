package io.batchrender.farm.azure;

import io.batchrender.farm.AzureJobSettings;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The variables every task of a job gets: license servers first, then the free-form table (which
 * may override them). Names starting with AZ_BATCH_ belong to the service and are never set.
 */
final class TaskEnvironment {

    private TaskEnvironment() {
    }

    static Map<String, String> of(AzureJobSettings settings) {
        Map<String, String> env = new TreeMap<>();
        settings.licenseServers().forEach(l -> env.putAll(l.environment()));
        env.putAll(settings.environment());
        env.keySet().removeIf(k -> k.toUpperCase(Locale.ROOT).startsWith("AZ_BATCH_") || k.isBlank());
        return env;
    }
}
