package dev.eventcommerce.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectReader;

/**
 * {@link CachingJackson3Serializer} against Axon's {@link Jackson3Serializer}: the same answers, and the two
 * methods it overrides are still the ones Axon's deserialization goes through (if Axon stopped calling them,
 * the caches would silently do nothing).
 */
class CachingJackson3SerializerTest {

    record Placed(long orderId, String productName) {
    }

    final Jackson3Serializer axon = AxonPostgresAutoConfiguration.serializerSettings().build();
    final CachingJackson3Serializer caching = new CachingJackson3Serializer(
            AxonPostgresAutoConfiguration.serializerSettings());

    @Test
    void readsAndWritesWhatAxonsSerializerDoes() {
        SerializedObject<byte[]> written = caching.serialize(new Placed(7, "lamp"), byte[].class);

        assertThat(written.getData()).isEqualTo(axon.serialize(new Placed(7, "lamp"), byte[].class).getData());
        for (int i = 0; i < 3; i++) {
            assertThat(caching.<byte[], Placed>deserialize(written)).isEqualTo(axon.deserialize(written));
        }
    }

    @Test
    void readsAReplayTokenAsAxonsSerializerDoes() {
        TrackingToken token = ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(10),
                new GlobalSequenceTrackingToken(3));
        SerializedObject<byte[]> written = axon.serialize(token, byte[].class);

        assertThat(caching.<byte[], TrackingToken>deserialize(written)).isEqualTo(axon.deserialize(written))
                .isEqualTo(token);
    }

    @Test
    void typesResolveAsAxonResolvesThem() {
        SerializedType known = new SimpleSerializedType(Placed.class.getName(), null);
        SerializedType unknown = new SimpleSerializedType("dev.eventcommerce.NoSuchEvent", null);

        for (int i = 0; i < 2; i++) {
            assertThat(caching.classForType(known)).isEqualTo(axon.classForType(known)).isEqualTo(Placed.class);
            assertThat(caching.classForType(unknown)).isEqualTo(axon.classForType(unknown))
                    .isEqualTo(UnknownSerializedType.class);
            assertThat(caching.classForType(SerializedType.emptyType()))
                    .isEqualTo(axon.classForType(SerializedType.emptyType()));
        }
    }

    @Test
    void axonsDeserializationGoesThroughTheTwoOverriddenLookups() {
        AtomicInteger classLookups = new AtomicInteger();
        AtomicInteger readerLookups = new AtomicInteger();
        Jackson3Serializer counting = new Jackson3Serializer(Jackson3Serializer.builder()) {
            @Override
            public Class<?> classForType(SerializedType type) {
                classLookups.incrementAndGet();
                return super.classForType(type);
            }

            @Override
            protected ObjectReader getReader(Class<?> type) {
                readerLookups.incrementAndGet();
                return super.getReader(type);
            }
        };
        SerializedObject<byte[]> written = new SimpleSerializedObject<>(
                "{\"orderId\":7,\"productName\":\"lamp\"}".getBytes(), byte[].class, Placed.class.getName(), null);

        assertThat(counting.<byte[], Placed>deserialize(written)).isEqualTo(new Placed(7, "lamp"));
        assertThat(classLookups).as("classForType per message").hasPositiveValue();
        assertThat(readerLookups).as("getReader per message").hasPositiveValue();
    }
}
