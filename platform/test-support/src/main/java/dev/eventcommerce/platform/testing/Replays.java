package dev.eventcommerce.platform.testing;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Replays in tests: fingerprint a read-model table to compare it before and after a replay. */
public final class Replays {

    private Replays() {
    }

    /** An md5 of every row of the table, in primary-key order: equal fingerprints, equal tables. */
    public static String checksum(JdbcClient jdbc, String table, String orderBy) {
        return jdbc.sql("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY " + orderBy + ")), '') "
                + "FROM " + table + " t").query(String.class).single();
    }
}
