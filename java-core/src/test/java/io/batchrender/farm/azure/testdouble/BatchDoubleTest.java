package io.batchrender.farm.azure.testdouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The double's answers on the wire, without the SDK in between. */
class BatchDoubleTest {

    @TempDir
    Path tmp;

    @Test
    void anUnsignedRequestIsRefusedWithTheServicesAuthenticationError() throws Exception {
        try (BatchDouble batch = BatchDouble.builder(tmp).start()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(batch.url() + "/jobs/nope?api-version=" + BatchDouble.API_VERSION)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(403, r.statusCode());
            JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
            assertEquals("AuthenticationFailed", body.get("code").getAsString());
            assertEquals("en-US", body.getAsJsonObject("message").get("lang").getAsString());
            assertTrue(body.get("odata.metadata").getAsString().endsWith("Container.errors/@Element"));
        }
    }
}
