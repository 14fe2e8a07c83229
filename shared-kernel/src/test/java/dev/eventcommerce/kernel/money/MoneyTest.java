package dev.eventcommerce.kernel.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void anAmountIsKeptInCentsWithTwoDecimals() {
        assertThat(Money.of("9.9").amount()).isEqualByComparingTo("9.90").hasToString("9.90");
        assertThat(Money.of("10").toString()).isEqualTo("10.00");
        assertThat(Money.of("1E+2").toString()).isEqualTo("100.00");
        assertThat(Money.of("9.900").amount().scale()).isEqualTo(2);
    }

    @Test
    void moreThanTwoDecimalsAreRefusedNeverRounded() {
        assertThat(Money.isInCents(new BigDecimal("0.001"))).isFalse();
        assertThat(Money.isInCents(new BigDecimal("0.010"))).isTrue();
        assertThatThrownBy(() -> Money.of("9.999")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 2 decimals");
    }

    @Test
    void aTotalIsThePriceTimesTheQuantityInCents() {
        assertThat(Money.of("19.99").times(3)).isEqualTo(Money.of("59.97"));
        assertThat(Money.of("0.01").times(0).isPositive()).isFalse();
    }

    @Test
    void anAmountFromElsewhereIsRoundedHalfUpOnlyForDisplay() {
        assertThat(Money.roundedForDisplay(new BigDecimal("2.005")).toString()).isEqualTo("2.01");
        assertThat(Money.roundedForDisplay(new BigDecimal("2.004")).toString()).isEqualTo("2.00");
    }
}
