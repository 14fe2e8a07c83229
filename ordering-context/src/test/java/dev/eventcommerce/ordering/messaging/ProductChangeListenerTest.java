package dev.eventcommerce.ordering.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventcommerce.platform.messaging.UnreadableMessageException;
import dev.eventcommerce.ordering.api.CatalogProductView;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProductChangeListenerTest {

    @Test
    void aProductMessageIsReadAsTheChangeItCarries() throws Exception {
        assertThat(change("""
                {"event":"product.updated","data":{"product_id":7,"name":"Lamp","price":19.99,"deleted":false,
                 "version":4,"added_later":true}}"""))
                .isEqualTo(new CatalogProductView(7, "Lamp", new BigDecimal("19.99"), false, 4));
        assertThat(change("""
                {"event":"product.deleted","data":{"product_id":7,"name":null,"price":null,"deleted":true,"version":5}}"""))
                .isEqualTo(new CatalogProductView(7, null, null, true, 5));
    }

    @Test
    void aMessageThatIsNoProductChangeIsUnreadable() {
        for (String body : new String[] {
                "not json",
                "{\"event\":\"stock.reserved\",\"data\":{\"product_id\":7,\"name\":\"Lamp\",\"price\":1,\"version\":1}}",
                "{\"event\":\"product.created\",\"data\":{\"product_id\":0,\"name\":\"Lamp\",\"price\":1,\"version\":0}}",
                "{\"event\":\"product.created\",\"data\":{\"product_id\":7,\"name\":\"Lamp\",\"price\":1,\"version\":-1}}",
                "{\"event\":\"product.created\",\"data\":{\"product_id\":7,\"price\":1,\"version\":0}}",
                "{\"event\":\"product.updated\",\"data\":{\"product_id\":7,\"name\":\"Lamp\",\"version\":2}}",
                "{\"event\":\"product.created\"}"}) {
            assertThatThrownBy(() -> change(body)).as(body).isInstanceOf(UnreadableMessageException.class);
        }
    }

    private static CatalogProductView change(String body) {
        return ProductChangeListener.change(body.getBytes(StandardCharsets.UTF_8));
    }
}
