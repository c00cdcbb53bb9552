package io.batchrender.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchrender.farm.FarmException;
import io.batchrender.frames.FrameSpecException;
import io.batchrender.submit.Failure;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bridge's codes come from {@link Failure}; each is one Python knows (a constant of {@link BridgeError}). */
class ErrorsTest {

    @Test
    void everyFailureHasACodeOfTheBridge() throws Exception {
        Set<String> codes = new HashSet<>();
        for (Field f : BridgeError.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                codes.add((String) f.get(null));
            }
        }
        for (Failure failure : Failure.values()) {
            assertTrue(codes.contains(failure.bridgeCode()), failure + " -> " + failure.bridgeCode());
        }
    }

    @Test
    void theMessageIsSplitIntoWhatWentWrongAndWhatToDo() {
        BridgeError e = Errors.of(new FarmException("Pool p is gone: create it again"));
        assertEquals(new BridgeError("FarmError", "Pool p is gone", "Create it again"), e);
        BridgeError frames = Errors.of(new FrameSpecException("'1-x' is not a frame range"));
        assertEquals(new BridgeError("BadFrames", "'1-x' is not a frame range", "Write frames like 1-100, 1-100x2 or 1-10,20."),
                frames);
        BridgeError own = Errors.of(BridgeException.badRequest("No", "Yes."));
        assertEquals(new BridgeError("BadRequest", "No", "Yes."), own);
        assertEquals("Internal", Errors.of(new IllegalStateException("bug")).code());
    }
}
