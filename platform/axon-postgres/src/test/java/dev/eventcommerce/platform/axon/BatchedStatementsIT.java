package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventcommerce.platform.axon.BatchedStatements.RowsStatement;
import dev.eventcommerce.platform.testing.TestDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** Set-based and batched projection writes against the real PostgreSQL. */
class BatchedStatementsIT {

    private static final RowsStatement INSERT = RowsStatement.of("""
            INSERT INTO items (id, name, price, at, version)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::numeric[], ?::timestamptz[], ?::bigint[])
            ON CONFLICT (id) DO NOTHING""", "bigint", "text", "numeric", "timestamptz", "bigint");
    private static final RowsStatement RENAME = RowsStatement.of("""
            UPDATE items i SET name = r.name, version = r.version
            FROM (SELECT DISTINCT ON (id) * FROM unnest(?::bigint[], ?::text[], ?::bigint[]) AS r(id, name, version)
                  ORDER BY id, version DESC) r
            WHERE i.id = r.id AND i.version < r.version""", "bigint", "text", "bigint");
    private static final RowsStatement DELETE = RowsStatement.of(
            "DELETE FROM items WHERE id = ANY (?::bigint[])", "bigint");

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private BatchedStatements writes;

    @BeforeEach
    void setUp() {
        dataSource = new SingleConnectionDataSource(
                TestDatabases.create("batched"), TestDatabases.USER, "", true);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text, price numeric(12, 2), "
                + "at timestamptz, version bigint NOT NULL)");
        writes = new BatchedStatements(jdbc);
    }

    @Test
    void textNumbersAndInstantsArriveExactlyThroughArrays() {
        List<String> names = List.of("plain", "quote \" and back\\slash", "{braces},commas", "NULL", "",
                "'; DROP TABLE items; --", "<script>alert(1)</script>", "ünïcödé ✓ 商品", "  spaces  ", "tab\tnew\nline");
        Instant at = Instant.parse("2026-11-25T06:01:02.123456Z");
        inOneUnitOfWork(() -> {
            for (int i = 0; i < names.size(); i++) {
                writes.add(INSERT, (long) i, names.get(i), new BigDecimal("1234567890.99"), at.plusSeconds(i), 0L);
            }
            writes.add(INSERT, 99L, null, null, null, 0L);
        });

        for (int i = 0; i < names.size(); i++) {
            Map<String, Object> row = jdbc.queryForMap("SELECT * FROM items WHERE id = ?", i);
            assertThat(row.get("name")).isEqualTo(names.get(i));
            assertThat(row.get("price")).isEqualTo(new BigDecimal("1234567890.99"));
            assertThat(((java.sql.Timestamp) row.get("at")).toInstant()).isEqualTo(at.plusSeconds(i));
        }
        assertThat(jdbc.queryForMap("SELECT name, price, at FROM items WHERE id = 99").values()).containsOnlyNulls();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM items", Long.class)).isEqualTo(names.size() + 1L);
    }

    @Test
    void runsOfStatementsKeepTheirOrderAndARunKeepsTheLatestChangePerRow() {
        inOneUnitOfWork(() -> {
            writes.add(INSERT, 1L, "one", BigDecimal.ONE, Instant.EPOCH, 0L);
            writes.add(INSERT, 2L, "two", BigDecimal.ONE, Instant.EPOCH, 0L);
            writes.add(INSERT, 1L, "one again", BigDecimal.TEN, Instant.EPOCH, 0L); // re-delivered: ignored
            writes.add(RENAME, 1L, "one v2", 2L);
            writes.add(RENAME, 1L, "one v1", 1L); // older, in the same run: the latest version wins
            writes.add(RENAME, 2L, "two v1", 1L);
            writes.add(DELETE, 2L);
            writes.update("INSERT INTO items (id, name, version) VALUES (?, ?, ?)", 2L, "two reborn", 5L);
            writes.add(RENAME, 2L, "two v4", 4L); // older than the row now: no change
            writes.add(INSERT, 3L, "three", BigDecimal.ONE, Instant.EPOCH, 0L);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM items", Long.class))
                    .as("nothing is written before the unit of work commits").isZero();
        });

        assertThat(jdbc.queryForList("SELECT id, name, version FROM items ORDER BY id")).containsExactly(
                Map.of("id", 1L, "name", "one v2", "version", 2L),
                Map.of("id", 2L, "name", "two reborn", "version", 5L),
                Map.of("id", 3L, "name", "three", "version", 0L));
    }

    @Test
    void aRolledBackUnitOfWorkWritesNothing() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        writes.add(INSERT, 1L, "one", BigDecimal.ONE, Instant.EPOCH, 0L);
        unitOfWork.rollback();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM items", Long.class)).isZero();
    }

    @Test
    void theTransactionOfAUnitOfWorkWithWritesAloneCommitsWithoutWaitingForTheWalFlush() {
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        List<String> whileCommitting = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            writes.add(INSERT, 1L, "one", BigDecimal.ONE, Instant.EPOCH, 0L);
            unitOfWork.onPrepareCommit(committing ->
                    whileCommitting.add(jdbc.queryForObject("SHOW synchronous_commit", String.class)));
            unitOfWork.commit();
        });

        assertThat(whileCommitting).containsExactly("off");
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class))
                .as("the next transaction on the same connection").isEqualTo("on");
        assertThat(jdbc.queryForObject("SELECT name FROM items WHERE id = 1", String.class)).isEqualTo("one");
    }

    @Test
    void outsideAUnitOfWorkAWriteRunsAtOnce() {
        writes.add(INSERT, 7L, "seven", BigDecimal.ONE, Instant.EPOCH, 0L);

        assertThat(jdbc.queryForObject("SELECT name FROM items WHERE id = 7", String.class)).isEqualTo("seven");
    }

    private void inOneUnitOfWork(Runnable work) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        work.run();
        unitOfWork.commit();
    }
}
