package io.batchrender.submit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchrender.farm.FarmException;
import io.batchrender.farm.FarmNotConfiguredException;
import io.batchrender.farm.FarmRequestException;
import io.batchrender.farm.Farms;
import io.batchrender.farm.UnknownJobException;
import io.batchrender.farm.azure.UnsupportedTemplateException;
import io.batchrender.frames.FrameSet;
import io.batchrender.render.RenderSetupException;
import io.batchrender.scene.maya.MayaSceneException;
import io.batchrender.storage.StorageException;
import io.batchrender.templates.TemplateException;
import io.batchrender.watch.WatchException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** One mapping from what the core throws to the CLI's exit code and the bridge's error code. */
class FailureTest {

    private static Failure of(Executable thrower) {
        try {
            thrower.execute();
        } catch (Throwable t) {
            return Failure.of(t);
        }
        throw new AssertionError("nothing was thrown");
    }

    @Test
    void badInputExitsTwoAndIsABadRequestOrItsOwnCode() {
        Failure frames = of(() -> FrameSet.parse("1-x"));
        assertEquals(Failure.BAD_FRAMES, frames);
        assertEquals(2, frames.exitCode());
        assertEquals("BadFrames", frames.bridgeCode());

        Failure farm = of(() -> Farms.name("moon"));
        assertEquals(Failure.BAD_REQUEST, farm);
        assertEquals(2, farm.exitCode());
        assertEquals("BadRequest", farm.bridgeCode());

        // a more specific type decides: these are farm exceptions or argument errors, but bad input of their own kind
        assertEquals(Failure.BAD_REQUEST, Failure.of(new UnsupportedTemplateException("x")));
        assertEquals(Failure.BAD_REQUEST, Failure.of(new TemplateException("t.json", 3, "x")));
        assertEquals(Failure.RENDER_SETUP, Failure.of(new RenderSetupException("x")));
        assertEquals(2, Failure.of(new MayaSceneException("x")).exitCode());
        assertEquals("SceneUnreadable", Failure.of(new MayaSceneException("x")).bridgeCode());
    }

    @Test
    void whatCouldNotBeCarriedOutExitsOne() {
        assertEquals(Failure.NOT_CONFIGURED, Failure.of(new FarmNotConfiguredException(List.of("URL"), "x")));
        assertEquals(1, Failure.NOT_CONFIGURED.exitCode());
        assertEquals(Failure.JOB_NOT_FOUND, Failure.of(new UnknownJobException("j", "x")));
        assertEquals("JobNotFound", Failure.JOB_NOT_FOUND.bridgeCode());
        assertEquals(Failure.FARM, Failure.of(new FarmException("x")));
        assertEquals(Failure.WATCH, Failure.of(new WatchException("x")));
        assertEquals(Failure.STORAGE, Failure.of(new StorageException(StorageException.Kind.OTHER, "x")));
        assertEquals(Failure.CANCELLED, Failure.of(new StorageException(StorageException.Kind.CANCELLED, "x")));
        for (Failure f : List.of(Failure.NOT_CONFIGURED, Failure.JOB_NOT_FOUND, Failure.FARM, Failure.WATCH, Failure.STORAGE,
                Failure.CANCELLED, Failure.INTERNAL)) {
            assertEquals(1, f.exitCode(), f.name());
        }
    }

    @Test
    void onlyWhatNoRuleKnowsIsUnexpected() {
        assertEquals(Failure.INTERNAL, Failure.of(new NullPointerException()));
        assertEquals(false, Failure.INTERNAL.expected());
        assertEquals(true, Failure.of(new FarmRequestException("x")).expected());
    }
}
