package io.batchrender.scene.maya;

/**
 * One chunk of an IFF file: a header (tag and size) and its data.
 *
 * @param tag       the 4-byte tag as an int ({@code FOR8}, {@code CREA}, {@code STR })
 * @param start     where the header starts, in bytes from the start of the file
 * @param dataStart where the data starts (after the header)
 * @param size      the size the header gives to the data (for a group: its form type and its children)
 * @param formType  for a group, its 4-byte form type ({@code Maya}, {@code HEAD}, {@code XFRM}, ...); 0 otherwise
 */
record IffChunk(int tag, long start, long dataStart, long size, int formType) {

    boolean isGroup() {
        return IffReader.isGroupTag(tag);
    }

    long end() {
        return dataStart + size;
    }

    String tagName() {
        return MayaTypeIds.fourCC(tag);
    }
}
