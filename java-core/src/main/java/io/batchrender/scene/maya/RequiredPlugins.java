package io.batchrender.scene.maya;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The plug-ins a scene's {@code requires} statements name, in file order: a handler for a scan under way, or a read of its own. */
public final class RequiredPlugins implements MayaSceneHandler {

    private final Set<String> plugins = new LinkedHashSet<>();

    @Override
    public void requires(String plugin, String version) {
        plugins.add(plugin);
    }

    @Override
    public boolean wantsAttributes(Optional<String> nodeType, String node) {
        return false;
    }

    /** What the statements read so far named. */
    public Set<String> plugins() {
        return plugins;
    }

    /** Reads {@code scene} (alone, not its references) for its {@code requires} statements. */
    public static Set<String> of(Path scene) {
        RequiredPlugins r = new RequiredPlugins();
        MayaSceneReader.read(scene, r);
        return r.plugins();
    }
}
