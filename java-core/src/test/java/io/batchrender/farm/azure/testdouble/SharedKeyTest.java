package io.batchrender.farm.azure.testdouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The double's SharedKey check against the requests the real azure-batch 11.2.0 jar sent. */
class SharedKeyTest {

    static final Path REQUESTS = Path.of(System.getProperty("batchrender.repo", ".."), "..", "shared", "azure-batch",
            "sdk-11.2.0-requests", "requests.jsonl");

    @Test
    void buildsTheSameStringToSignAsTheServiceForEveryRecordedSdkRequest() throws IOException {
        List<String> lines = Files.readAllLines(REQUESTS);
        assertEquals(14, lines.size());
        for (String line : lines) {
            JsonObject r = JsonParser.parseString(line).getAsJsonObject();
            String target = r.get("path").getAsString();
            int q = target.indexOf('?');
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            r.getAsJsonObject("headers").entrySet().forEach(e -> headers.put(e.getKey(), e.getValue().getAsString()));
            String account = headers.get("Authorization").substring("SharedKey ".length()).split(":")[0];

            String sts = SharedKey.stringToSign(account, r.get("method").getAsString(), target.substring(0, q),
                    target.substring(q + 1), headers::get, headers.keySet());

            assertEquals(r.get("stringToSign").getAsString(), sts, r.get("method").getAsString() + " " + target);
        }
    }

    @Test
    void acceptsOnlyTheSignatureMadeWithTheAccountKey() {
        String key = java.util.Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
        String other = java.util.Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());
        String sts = "GET\n\n\n\n\napplication/json; charset=utf-8\n\n\n\n\n\n\nocp-date:Fri, 27 Nov 2026 12:02:36 GMT\n/testacct/jobs/j1\napi-version:2024-07-01.20.0";

        assertTrue(SharedKey.verify("testacct", key, "SharedKey testacct:" + SharedKey.sign(key, sts), sts));
        assertFalse(SharedKey.verify("testacct", key, "SharedKey testacct:" + SharedKey.sign(other, sts), sts));
        assertFalse(SharedKey.verify("testacct", key, "SharedKey otheracct:" + SharedKey.sign(key, sts), sts));
        assertFalse(SharedKey.verify("testacct", key, null, sts));
    }
}
