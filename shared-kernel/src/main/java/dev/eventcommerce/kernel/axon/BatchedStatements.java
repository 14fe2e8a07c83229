package dev.eventcommerce.kernel.axon;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Projection writes as JDBC batches: inside a unit of work (a streaming processor handles a batch of
 * events in one) the statements are collected and sent just before it commits, consecutive runs of the
 * same SQL as one JDBC batch (multi-row inserts with {@code reWriteBatchedInserts}); their order is kept
 * exactly. Outside a unit of work a statement runs at once. This is what lets a replay write hundreds of
 * rows per round trip instead of one. Handlers that read back what they wrote in the same batch must not
 * use it.
 */
public class BatchedStatements {

    private static final String RESOURCE = BatchedStatements.class.getName();

    private final JdbcTemplate jdbc;

    public BatchedStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void update(String sql, Object... args) {
        if (!CurrentUnitOfWork.isStarted()) {
            jdbc.update(sql, args);
            return;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<Statement> pending = unitOfWork.getOrComputeResource(RESOURCE, key -> {
            List<Statement> statements = new ArrayList<>();
            unitOfWork.onPrepareCommit(committing -> flush(statements));
            return statements;
        });
        pending.add(new Statement(sql, args));
    }

    private void flush(List<Statement> statements) {
        int start = 0;
        while (start < statements.size()) {
            String sql = statements.get(start).sql();
            int end = start;
            List<Object[]> arguments = new ArrayList<>();
            while (end < statements.size() && statements.get(end).sql().equals(sql)) {
                arguments.add(statements.get(end).args());
                end++;
            }
            if (arguments.size() == 1) {
                jdbc.update(sql, arguments.get(0));
            } else {
                jdbc.batchUpdate(sql, arguments);
            }
            start = end;
        }
        statements.clear();
    }

    private record Statement(String sql, Object[] args) {
    }
}
