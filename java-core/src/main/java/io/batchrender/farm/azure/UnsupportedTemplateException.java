package io.batchrender.farm.azure;

import io.batchrender.farm.FarmException;

/**
 * A template that Azure Batch cannot run as written (a retired image or license, a field the
 * 2024-07-01.20.0 API does not have, a file group that is not in storage): bad input, found before
 * anything was created. The message is one line that says what to use instead.
 */
public final class UnsupportedTemplateException extends io.batchrender.farm.FarmRequestException {

    public UnsupportedTemplateException(String message) {
        super(message);
    }
}
