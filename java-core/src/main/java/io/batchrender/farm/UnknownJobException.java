package io.batchrender.farm;

/** The farm has no job of that id; the message says how to list the ones it has. */
public class UnknownJobException extends FarmException {
    private final String jobId;

    public UnknownJobException(String jobId, String message) {
        super(message);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
