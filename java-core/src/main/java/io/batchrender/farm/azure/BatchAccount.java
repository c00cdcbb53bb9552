package io.batchrender.farm.azure;

import io.batchrender.farm.FarmException;
import java.util.Map;

/**
 * Where and as whom the farm talks to Azure Batch: the account URL, its name and a shared key.
 * The key never appears in {@link #toString()} or in a log line.
 */
public record BatchAccount(String url, String name, String key) {

    public static final String ENDPOINT = "AZURE_BATCH_ENDPOINT";
    public static final String ACCOUNT = "AZURE_BATCH_ACCOUNT";
    public static final String ACCESS_KEY = "AZURE_BATCH_ACCESS_KEY";

    public BatchAccount {
        if (url == null || url.isBlank() || name == null || name.isBlank() || key == null || key.isBlank()) {
            throw new FarmException("The Batch account needs a URL, a name and a key: set " + ENDPOINT + ", "
                    + ACCOUNT + " and " + ACCESS_KEY + ".");
        }
        url = url.strip();
        if (!url.contains("://")) {
            url = "https://" + url; // the Azure CLI accepts the bare host name
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
    }

    /** The account from the Azure CLI's variables; a one-line error naming the missing ones. */
    public static BatchAccount fromEnvironment(Map<String, String> env) {
        StringBuilder missing = new StringBuilder();
        for (String v : new String[] {ENDPOINT, ACCOUNT, ACCESS_KEY}) {
            String val = env.get(v);
            if (val == null || val.isBlank()) {
                missing.append(missing.length() == 0 ? "" : ", ").append(v);
            }
        }
        if (missing.length() > 0) {
            throw new FarmException("The Azure farm needs your Batch account: set " + missing
                    + " (the Azure CLI's names; find them in the portal under the Batch account's Keys).");
        }
        return new BatchAccount(env.get(ENDPOINT), env.get(ACCOUNT), env.get(ACCESS_KEY));
    }

    @Override
    public String toString() {
        return "BatchAccount[" + name + " at " + url + "]";
    }
}
