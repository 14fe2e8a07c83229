package dev.eventcommerce.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL database of its own for each integration test context, on the real server at
 * 127.0.0.1:5432, created empty (Flyway then builds it) and dropped when the test JVM exits.
 */
public final class TestDatabases {

    public static final String SERVER = System.getProperty("test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = System.getProperty("test.postgres.user", "postgres");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final List<String> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "drop-test-databases"));
    }

    private TestDatabases() {
    }

    /** Creates a fresh database and returns its JDBC URL. */
    public static synchronized String create(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet())
                .toLowerCase(java.util.Locale.ROOT);
        execute("CREATE DATABASE " + name);
        CREATED.add(name);
        return SERVER + name;
    }

    private static synchronized void dropAll() {
        for (String name : CREATED) {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException e) {
                System.err.println("Could not drop test database " + name + ": " + e.getMessage());
            }
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }
}
