package dev.eventcommerce.platform.axon;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import tools.jackson.databind.ObjectReader;

/**
 * Axon's Jackson 3 serializer, remembering what it looks up for every message: the class of a serialized
 * type name (Axon resolves it through the class loader each time) and the {@link ObjectReader} of a class
 * (Axon builds one each time). Both are immutable and thread-safe; on a replay these lookups were a tenth
 * of the deserialization cost. Unknown types are not remembered, so Axon's own handling of them stays.
 */
public class CachingJackson3Serializer extends Jackson3Serializer {

    private final ConcurrentMap<String, Class<?>> classes = new ConcurrentHashMap<>();
    private final ConcurrentMap<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    public CachingJackson3Serializer(Builder builder) {
        super(builder);
    }

    @Override
    public Class<?> classForType(SerializedType type) {
        if (SerializedType.emptyType().equals(type)) {
            return super.classForType(type);
        }
        String name = resolveClassName(type);
        Class<?> known = classes.get(name);
        if (known != null) {
            return known;
        }
        Class<?> found = super.classForType(type);
        if (!UnknownSerializedType.class.equals(found)) {
            classes.put(name, found);
        }
        return found;
    }

    @Override
    protected ObjectReader getReader(Class<?> type) {
        ObjectReader reader = readers.get(type);
        return reader != null ? reader : readers.computeIfAbsent(type, super::getReader);
    }
}
