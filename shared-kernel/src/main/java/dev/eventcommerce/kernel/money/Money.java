package dev.eventcommerce.kernel.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of the shop's one currency, in cents: always two decimals, never rounded on the way in. Prices and
 * totals are stored in events and sent in messages as plain JSON numbers ({@link #amount()}); this type holds
 * the rules every context applies to them.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

    /** Cents: two decimals. */
    public static final int SCALE = 2;

    /** @throws IllegalArgumentException when the amount has more than two decimals (it is never rounded) */
    public Money {
        Objects.requireNonNull(amount, "amount");
        if (!isInCents(amount)) {
            throw new IllegalArgumentException("an amount of money has at most " + SCALE + " decimals: " + amount);
        }
        amount = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
    }

    public static Money of(BigDecimal amount) {
        return new Money(amount);
    }

    public static Money of(String amount) {
        return new Money(new BigDecimal(amount));
    }

    /** Whether the amount is a whole number of cents (at most two decimals once trailing zeros are dropped). */
    public static boolean isInCents(BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= SCALE;
    }

    /**
     * An amount from elsewhere (e.g. a message of an older sender) for display: rounded half up to cents. Never
     * used on the way into an aggregate, which refuses what {@link #isInCents} refuses.
     */
    public static Money roundedForDisplay(BigDecimal amount) {
        return new Money(amount.setScale(SCALE, RoundingMode.HALF_UP));
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)));
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(other.amount);
    }

    /** "9.90": two decimals, no exponent. */
    @Override
    public String toString() {
        return amount.toPlainString();
    }
}
