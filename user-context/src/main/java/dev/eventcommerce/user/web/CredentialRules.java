package dev.eventcommerce.user.web;

import dev.eventcommerce.user.credentials.Credentials;
import dev.eventcommerce.user.credentials.PasswordPolicy;
import dev.eventcommerce.user.credentials.Usernames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The checks of a new username and password, and of credentials given to log in, before any work is done. */
final class CredentialRules {

    private CredentialRules() {
    }

    /** A registration's name and password; @throws InvalidCredentialsException naming each field that breaks a rule */
    static void checkNew(String username, String passwordField, String password) {
        List<Map<String, String>> errors = new ArrayList<>();
        Usernames.problem(username).ifPresent(problem -> errors.add(error("username", problem)));
        PasswordPolicy.problem(password, username).ifPresent(problem -> errors.add(error(passwordField, problem)));
        if (!errors.isEmpty()) {
            throw new InvalidCredentialsException(errors);
        }
    }

    /** A new password of an existing account (whose name may predate the rules for names). */
    static void checkNewPassword(String username, String passwordField, String password) {
        PasswordPolicy.problem(password, username).ifPresent(problem -> {
            throw new InvalidCredentialsException(List.of(error(passwordField, problem)));
        });
    }

    /** Login input no account can have: refused (422) before the throttle, the database or bcrypt see it. */
    static void checkLogin(String username, String password) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (username.codePointCount(0, username.length()) > Usernames.MAX_LENGTH) {
            errors.add(error("username", "size must be at most " + Usernames.MAX_LENGTH));
        }
        if (!Credentials.fitsBcrypt(password)) {
            errors.add(error("password", "must be at most " + Credentials.MAX_PASSWORD_BYTES + " bytes"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidCredentialsException(errors);
        }
    }

    private static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    /** Credentials that break a rule; each error names its field. */
    static final class InvalidCredentialsException extends RuntimeException {

        private final List<Map<String, String>> errors;

        InvalidCredentialsException(List<Map<String, String>> errors) {
            super(String.join("; ", errors.stream().map(e -> e.get("field") + ": " + e.get("message")).toList()));
            this.errors = List.copyOf(errors);
        }

        List<Map<String, String>> errors() {
            return errors;
        }
    }
}
