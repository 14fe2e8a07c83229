package dev.eventcommerce.ordering.web;

/** The version an {@code If-Match} header asks for: {@code "3"} or {@code W/"3"}; none for absent or {@code *}. */
final class IfMatch {

    private IfMatch() {
    }

    static Long version(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String tag = header.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new InvalidIfMatchException(header);
        }
    }

    static class InvalidIfMatchException extends RuntimeException {

        InvalidIfMatchException(String header) {
            super("If-Match must be an ETag of this API, e.g. \"3\"; got " + header);
        }
    }
}
