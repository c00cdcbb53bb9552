package io.batchrender.submit;

import io.batchrender.render.pathmap.MayaDirmap;
import io.batchrender.render.pathmap.PathRule;
import java.util.List;

/**
 * The path map an asset project carries for the shipped Maya job templates: {@code upload
 * --from-scan SCENE.ma} adds {@link #BLOB}, a {@code userSetup.mel} of {@code dirmap} rules from
 * the artist's folders to where the templates' job preparation task lays the file group out
 * ({@code $AZ_BATCH_JOB_PREP_WORKING_DIR/assets}). The Linux templates put its folder first on
 * {@code MAYA_SCRIPT_PATH}, so Maya runs it at start-up, before Render opens the scene, and the
 * scene's absolute texture, cache and reference paths are read from the node's copy. A project
 * uploaded without it renders as before (Maya finds no script there).
 */
public final class TemplateMayaSetup {

    /** Where the templates' preparation task puts the file group on the node. */
    public static final String NODE_ASSETS = "$AZ_BATCH_JOB_PREP_WORKING_DIR/assets";
    /** The script's folder inside the file group (and so under {@link #NODE_ASSETS}). */
    public static final String FOLDER = "batchrender-maya";
    /** The script's blob name in the file group. */
    public static final String BLOB = FOLDER + "/userSetup.mel";

    private TemplateMayaSetup() {
    }

    /** The script for {@code rules} (longest folder first, as {@link SceneUpload} gives them). */
    public static String script(List<PathRule> rules) {
        return MayaDirmap.userSetup(rules, NODE_ASSETS, NODE_ASSETS + "/" + FOLDER);
    }
}
