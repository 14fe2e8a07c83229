package dev.eventcommerce.user.web;

import java.util.List;

/** Where the login throttle keeps its failures: this instance's memory, or Redis for every instance. */
interface LoginFailures {

    /** How many failures each subject had lately, and how long ago the last one was; creates no state. */
    List<Seen> read(List<Subject> subjects);

    /** One more failure for each subject, which is then remembered for a while. */
    void record(List<Subject> subjects);

    void forget(List<Subject> subjects);

    /** What failures are counted for: a kind (uc, u, c) and the username, the client or both. */
    record Subject(String kind, String value) {

        @Override
        public String toString() {
            return kind + ":" + value;
        }
    }

    record Seen(long count, long nanosSinceLast) {

        static final Seen NONE = new Seen(0, 0);
    }
}
