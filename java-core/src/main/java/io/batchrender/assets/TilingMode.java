package io.batchrender.assets;

/** The {@code uvTilingMode} of a Maya {@code file} node: which tiles a single written name stands for. */
public enum TilingMode {
    /** 0: the name is one file. */
    OFF,
    /** 1: ZBrush, {@code name_u0_v0.ext}, 0-based. */
    ZBRUSH,
    /** 2: Mudbox, {@code name_u1_v1.ext}, 1-based. */
    MUDBOX,
    /** 3: Mari, {@code name.1001.ext}. */
    UDIM,
    /** 4: explicit tiles, each written in its own attribute (so the name is one file). */
    EXPLICIT;

    /** The mode for Maya's attribute value; unknown values mean off. */
    public static TilingMode fromMaya(int uvTilingMode) {
        TilingMode[] all = values();
        return uvTilingMode >= 0 && uvTilingMode < all.length ? all[uvTilingMode] : OFF;
    }
}
