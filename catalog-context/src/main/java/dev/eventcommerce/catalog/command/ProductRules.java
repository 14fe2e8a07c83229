package dev.eventcommerce.catalog.command;

import dev.eventcommerce.catalog.api.InvalidProductException;
import dev.eventcommerce.kernel.money.Money;
import java.math.BigDecimal;

/** The catalogue's rules for a product's details, the seed's: checked by the aggregate on every change. */
final class ProductRules {

    static final int NAME_MAX = 255;
    static final int DESCRIPTION_MAX = 1000;
    /** numeric(10,2): at most 99,999,999.99. */
    static final BigDecimal PRICE_MAX = new BigDecimal("99999999.99");

    private ProductRules() {
    }

    static String name(String name) {
        if (name == null || name.isBlank() || name.length() > NAME_MAX) {
            throw new InvalidProductException("name must be 1 to " + NAME_MAX + " characters and not blank");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidProductException("name must not contain control characters");
        }
        return name;
    }

    /** Line breaks and tabs are fine in a description; other control characters (NUL above all) are not. */
    static String description(String description) {
        if (description != null && description.length() > DESCRIPTION_MAX) {
            throw new InvalidProductException("description must be at most " + DESCRIPTION_MAX + " characters");
        }
        if (description != null && description.chars()
                .anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidProductException("description must not contain control characters other than line breaks and tabs");
        }
        return description;
    }

    /** The price with exactly two decimals; refuses zero, negatives, more than two decimals and overflow. */
    static BigDecimal price(BigDecimal price) {
        if (price == null || price.signum() <= 0) {
            throw new InvalidProductException("price must be greater than 0");
        }
        if (!Money.isInCents(price)) {
            throw new InvalidProductException("price must have at most " + Money.SCALE + " decimals");
        }
        if (price.compareTo(PRICE_MAX) > 0) {
            throw new InvalidProductException("price must be at most " + PRICE_MAX);
        }
        return Money.of(price).amount();
    }

    static int quantity(int quantity) {
        if (quantity < 0) {
            throw new InvalidProductException("quantity must be 0 or more");
        }
        return quantity;
    }
}
