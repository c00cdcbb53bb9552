package io.batchrender.bridge;

import com.google.gson.JsonObject;

/**
 * An error as it crosses the bridge: a stable code Python turns into an exception class, a
 * one-line message, and what to do about it.
 */
public record BridgeError(String code, String message, String hint) {

    public static final String BAD_REQUEST = "BadRequest";
    public static final String BAD_FRAMES = "BadFrames";
    public static final String RENDER_SETUP = "RenderSetup";
    public static final String SCENE_UNREADABLE = "SceneUnreadable";
    public static final String JOB_NOT_FOUND = "JobNotFound";
    public static final String OPERATION_NOT_FOUND = "OperationNotFound";
    public static final String FARM = "FarmError";
    public static final String WATCH = "WatchError";
    public static final String STORAGE = "StorageError";
    public static final String NOT_CONFIGURED = "NotConfigured";
    public static final String CANCELLED = "Cancelled";
    public static final String SHUTTING_DOWN = "ShuttingDown";
    public static final String INTERNAL = "Internal";

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("code", code);
        o.addProperty("message", message);
        o.addProperty("hint", hint);
        return o;
    }
}
