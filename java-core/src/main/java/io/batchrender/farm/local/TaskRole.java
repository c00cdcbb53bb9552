package io.batchrender.farm.local;

/** What a task row is to its job: Batch runs the job preparation task first and the release task last. */
enum TaskRole {
    TASK(null), PREPARATION("preparation"), RELEASE("release");

    /** The {@code tasks.role} column's value; null for an ordinary task. */
    final String column;

    TaskRole(String column) {
        this.column = column;
    }

    static TaskRole of(String column) {
        return column == null ? TASK : column.equals("preparation") ? PREPARATION : RELEASE;
    }
}
