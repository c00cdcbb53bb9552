package io.batchrender.render.pathmap;

/**
 * One folder of the artist's machine and where its files are on the node.
 *
 * @param localDir   the artist's folder, {@code /}-separated, as the scene spells it ({@code C:/Users/ann/tex})
 * @param nodeSubdir the folder under the node's asset folder, {@code /}-separated ({@code Users/ann/tex}); may be ""
 */
public record PathRule(String localDir, String nodeSubdir) {
}
