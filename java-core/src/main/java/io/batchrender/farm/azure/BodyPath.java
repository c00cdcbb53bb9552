package io.batchrender.farm.azure;

/**
 * Where a value sits in a REST body ({@code startTask.resourceFiles[0]}), built as the walk goes
 * down and spelled out only for a message.
 *
 * @param parent where the enclosing value sits; null at the top
 * @param key    the field name, or null for an array element
 * @param index  the array index when {@code key} is null
 */
record BodyPath(BodyPath parent, String key, int index) {

    static final BodyPath ROOT = new BodyPath(null, null, -1);

    BodyPath field(String name) {
        return new BodyPath(this, name, -1);
    }

    BodyPath element(int i) {
        return new BodyPath(this, null, i);
    }

    /** Whether this is an element of an array held in field {@code name}: {@code ...name[i]}. */
    boolean isElementOf(String name) {
        return key == null && parent != null && name.equals(parent.key);
    }

    /** "" at the top, else {@code "startTask.resourceFiles[0]: "}, ready to prefix a message. */
    String prefix() {
        return parent == null ? "" : this + ": ";
    }

    @Override
    public String toString() {
        if (parent == null) {
            return "";
        }
        String up = parent.toString();
        return key == null ? up + "[" + index + "]" : up.isEmpty() ? key : up + "." + key;
    }
}
