package dev.eventcommerce.catalog.web;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/** Request bodies of the product API, with the seed's rules; the aggregate checks them again. */
final class ProductRequests {

    private ProductRequests() {
    }

    record Create(
            @NotBlank @Size(max = 255) String name,
            @Size(max = 1000) String description,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("99999999.99") @Digits(integer = 8, fraction = 2)
            BigDecimal price,
            @NotNull @Min(0) Integer quantity) {
    }

    /** Any subset of the fields; an absent (or null) field keeps its value. */
    record Update(
            @Size(min = 1, max = 255) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
            @Size(max = 1000) String description,
            @DecimalMin(value = "0", inclusive = false) @DecimalMax("99999999.99") @Digits(integer = 8, fraction = 2)
            BigDecimal price,
            @Min(0) Integer quantity) {
    }
}
