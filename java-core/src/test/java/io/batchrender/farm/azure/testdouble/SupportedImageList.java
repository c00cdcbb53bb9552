package io.batchrender.farm.azure.testdouble;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.batchrender.render.TestScenes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The images Batch supports and the node agent each needs, as a live account answered
 * {@code GET /supportedimages} (70 images, recorded by the Batch CLI extensions' live tests in
 * ../shared/azure-batch/recordings-batch-cli-extensions/test_batch_extensions_live.redacted.json), and the
 * vCPUs of the VM sizes the tests use (from each series' page under
 * https://learn.microsoft.com/azure/virtual-machines/sizes).
 */
final class SupportedImageList {

    private static final Path RECORDING = Path.of("../shared/azure-batch/recordings-batch-cli-extensions/"
            + "test_batch_extensions_live.redacted.json");

    /** vCPUs by VM size (lower case). A size not here is refused by the double: add it with its source page. */
    static final Map<String, Integer> CORES = Map.ofEntries(
            Map.entry("standard_a1", 1),
            Map.entry("standard_d1_v2", 1), Map.entry("standard_d2_v2", 2), Map.entry("standard_d3_v2", 4),
            Map.entry("standard_d4_v2", 8), Map.entry("standard_d5_v2", 16), Map.entry("standard_d11_v2", 2),
            Map.entry("standard_d12_v2", 4), Map.entry("standard_d13_v2", 8), Map.entry("standard_d14_v2", 16),
            Map.entry("standard_d15_v2", 20),
            Map.entry("standard_d2_v3", 2), Map.entry("standard_d4_v3", 4), Map.entry("standard_d8_v3", 8),
            Map.entry("standard_d16_v3", 16), Map.entry("standard_d32_v3", 32), Map.entry("standard_d64_v3", 64),
            Map.entry("standard_e2_v3", 2), Map.entry("standard_e4_v3", 4), Map.entry("standard_e8_v3", 8),
            Map.entry("standard_e16_v3", 16), Map.entry("standard_e32_v3", 32), Map.entry("standard_e64_v3", 64),
            Map.entry("standard_f1", 1), Map.entry("standard_f2", 2), Map.entry("standard_f4", 4), Map.entry("standard_f8", 8),
            Map.entry("standard_f16", 16), Map.entry("standard_f16s_v2", 16),
            Map.entry("standard_d2s_v5", 2), Map.entry("standard_d4s_v5", 4), Map.entry("standard_d8s_v5", 8),
            Map.entry("standard_d16s_v5", 16),
            Map.entry("standard_nc6", 6), Map.entry("standard_nc12", 12), Map.entry("standard_nc24", 24),
            Map.entry("standard_nc4as_t4_v3", 4), Map.entry("standard_nc6s_v3", 6), Map.entry("standard_nc12s_v3", 12),
            Map.entry("standard_nc24s_v3", 24));

    private static JsonArray images;

    private SupportedImageList() {
    }

    /** The recorded list's entries. */
    static synchronized JsonArray images() {
        if (images == null) {
            Path file = TestScenes.repoRoot().resolve(RECORDING).normalize();
            try {
                JsonObject rec = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
                for (JsonElement i : rec.getAsJsonArray("interactions")) {
                    JsonObject request = i.getAsJsonObject().getAsJsonObject("request");
                    if (request.get("uri").getAsString().contains("/supportedimages?")) {
                        String body = i.getAsJsonObject().getAsJsonObject("response").getAsJsonObject("body").get("string").getAsString();
                        images = JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("value");
                        break;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("the double reads the supported images from " + file, e);
            }
            if (images == null) {
                throw new IllegalStateException("no supportedimages answer in " + file);
            }
        }
        return images;
    }

    /** The node agent SKU for a marketplace image reference, or null when Batch does not list the image. */
    static String agentFor(JsonObject imageReference) {
        for (JsonElement e : images()) {
            JsonObject ref = e.getAsJsonObject().getAsJsonObject("imageReference");
            if (same(ref, imageReference, "publisher") && same(ref, imageReference, "offer") && same(ref, imageReference, "sku")) {
                return e.getAsJsonObject().get("nodeAgentSKUId").getAsString();
            }
        }
        return null;
    }

    private static boolean same(JsonObject a, JsonObject b, String field) {
        return a.has(field) && b.has(field) && a.get(field).getAsString().toLowerCase(Locale.ROOT)
                .equals(b.get(field).getAsString().toLowerCase(Locale.ROOT));
    }
}
