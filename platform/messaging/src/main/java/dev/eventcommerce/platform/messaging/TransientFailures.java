package dev.eventcommerce.platform.messaging;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Failures that pass by themselves, so that a message failing with one is worth trying again later. */
public final class TransientFailures {

    private TransientFailures() {
    }

    /**
     * Whether a failure means PostgreSQL cannot be reached (no connection, connection lost, server
     * shutting down or starting): worth waiting for, unlike a failure of the message itself.
     */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            // A rollback that fails on the lost connection hides the failure that caused the rollback.
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && isDatabaseUnavailable(rollback.getApplicationException())) {
                return true;
            }
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                    || cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // Connection exceptions (08) and operator intervention: shutdown, crash, starting up (57P).
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
