package io.batchrender.farm;

/**
 * What was asked of a farm is wrong, found before anything was created: a farm name that is not
 * one, a template Azure Batch cannot run. Bad input (the
 * CLI exits 2, the bridge answers {@code BadRequest}); the message is one line saying what to do.
 */
public class FarmRequestException extends FarmException {

    public FarmRequestException(String message) {
        super(message);
    }

}
