package dev.eventcommerce.platform.axon;

import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.ConcurrencyException;

/** Failures of a command that another command changing the same aggregate at the same moment caused. */
public final class ConcurrentChanges {

    private ConcurrentChanges() {
    }

    /** Another command changed the same aggregate at the same moment: trying again later is worth it. */
    public static boolean isConcurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof LockAcquisitionFailedException) {
                return true;
            }
        }
        return false;
    }
}
