package io.batchrender.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.assets.TilingMode;
import io.batchrender.compile.SubmitForm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestsTest {

    @Test
    void aSubmitRequestCarriesEveryFieldOfTheCliSubmit() {
        SubmitForm f = Requests.submitForm("{\"scene\": \"/s/a.blend\", \"frames\": \"1-10x2\", \"chunk\": 3,"
                + " \"output\": \"/out\", \"retries\": 0, \"timeoutSeconds\": 90, \"engine\": \"EEVEE\","
                + " \"searchPaths\": [\"/tex\"], \"allowMissing\": true}");
        assertEquals(Optional.of(Path.of("/s/a.blend")), f.scene());
        assertEquals(Optional.of("1-10x2"), f.frames());
        assertEquals(3, f.chunk());
        assertEquals(0, f.retries());
        assertEquals(Optional.of(Duration.ofSeconds(90)), f.timeout());
        assertEquals(List.of(Path.of("/tex")), f.searchPaths());
        assertTrue(f.allowMissing());
        assertEquals(Optional.of("EEVEE"), f.engine());
    }

    @Test
    void typosAndWrongTypesAreBadRequestsThatSayWhatIsAccepted() {
        BridgeException typo = assertThrows(BridgeException.class, () -> Requests.submitForm("{\"frame\": \"1\"}"));
        assertEquals("BadRequest", typo.error().code());
        assertTrue(typo.error().hint().contains("frames"), typo.error().hint());
        BridgeException type = assertThrows(BridgeException.class, () -> Requests.submitForm("{\"chunk\": \"two\"}"));
        assertTrue(type.error().message().contains("'chunk'"));
        assertThrows(BridgeException.class, () -> Requests.submitForm("{\"chunk\": 1.5}"));
        assertThrows(BridgeException.class, () -> Requests.submitForm("[1]"));
        assertThrows(BridgeException.class, () -> Requests.submitForm("{"));
    }

    @Test
    void theReferencesMayaReportsBecomeAssetReferences() {
        Requests.Scan s = Requests.scan("{\"scene\": \"/a/b.ma\", \"references\": [{\"node\": \"file1\","
                + " \"nodeType\": \"file\", \"attribute\": \"ftn\", \"path\": \"tex/<UDIM>.png\", \"tiling\": \"udim\"}]}");
        var ref = s.references().orElseThrow().references().get(0);
        assertEquals("file1", ref.node());
        assertEquals("tex/<UDIM>.png", ref.path());
        assertEquals(TilingMode.UDIM, ref.tiling());
        assertThrows(BridgeException.class, () -> Requests.scan("{\"scene\": \"/a.ma\", \"references\": [{\"node\": \"x\"}]}"));
        assertThrows(BridgeException.class, () -> Requests.scan("{}"));
    }

    @Test
    void anAzureSubmitCarriesItsUploadRateLimit() {
        SubmitCall call = new SubmitCall(new io.batchrender.farm.Farms(
                new io.batchrender.settings.StateHome(Path.of("/nonexistent-batchrender-home")), java.util.Map.of()));
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString("{\"scene\": \"/s/a.blend\", \"farm\": \"azure\","
                + " \"pool\": {\"mode\": \"existing\", \"id\": \"p\"}, \"limitRate\": \"20M\"}").getAsJsonObject();
        assertEquals(20L * 1024 * 1024, call.parse(Requests.of(o, "submit", Requests.SUBMIT_FIELDS)).uploadBytesPerSecond());
        Requests.submitForm(o.toString()); // the same request's CLI fields take it too
        o.remove("limitRate");
        assertEquals(0, call.parse(Requests.of(o, "submit", Requests.SUBMIT_FIELDS)).uploadBytesPerSecond(), "no limit");
        o.addProperty("limitRate", "fast");
        BridgeException bad = assertThrows(BridgeException.class,
                () -> call.parse(Requests.of(o, "submit", Requests.SUBMIT_FIELDS)));
        assertEquals("BadRequest", bad.error().code());
        assertTrue(bad.error().message().contains("'fast' is not a rate"), bad.error().message());
    }
}
