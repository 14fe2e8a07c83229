package dev.eventcommerce.ordering.command;

import java.time.Duration;

/** How long an order waits for catalog's answer before it is rejected ({@code STOCK_RESERVATION_TIMEOUT}). */
record StockReservationTimeout(Duration value) {

    /** As people read it in a reason: "30s", "1m30s", "500ms". */
    String text() {
        if (value.toMillis() % 1000 != 0) {
            return value.toMillis() + "ms";
        }
        long seconds = value.toSeconds();
        return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + "m"
                : seconds >= 60 ? seconds / 60 + "m" + seconds % 60 + "s" : seconds + "s";
    }
}
