package dev.eventcommerce.platform.web;

import java.beans.PropertyEditorSupport;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Integers in paths and query strings are plain decimal: Spring's default number editor reads
 * {@code 0x10} as 16 and {@code 010} as octal 8, so {@code GET /products/0x10} would answer for product 16.
 * Anything but an optional minus and digits is a type mismatch: 400 problem.
 */
@ControllerAdvice
public class DecimalNumberBinding {

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,19}");

    @InitBinder
    void decimalIntegers(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, new DecimalEditor(Long::valueOf));
        binder.registerCustomEditor(Long.class, new DecimalEditor(Long::valueOf));
        binder.registerCustomEditor(int.class, new DecimalEditor(Integer::valueOf));
        binder.registerCustomEditor(Integer.class, new DecimalEditor(Integer::valueOf));
    }

    private static final class DecimalEditor extends PropertyEditorSupport {

        private final Function<String, Number> parse;

        DecimalEditor(Function<String, Number> parse) {
            this.parse = parse;
        }

        @Override
        public void setAsText(String text) {
            if (text == null || !DECIMAL.matcher(text).matches()) {
                throw new IllegalArgumentException("not a decimal integer");
            }
            setValue(parse.apply(text)); // beyond the type's range: NumberFormatException, a mismatch too
        }
    }
}
