package dev.eventcommerce.platform.axon;

import java.util.Optional;

/**
 * A write is stored, but its read model has not caught up within the read-your-writes bound: the API
 * answers 202 Accepted (the change stands; read it again shortly, at {@link #location()}) rather than a read
 * that would miss it.
 */
public class ProjectionLagException extends RuntimeException {

    private final String aggregateIdentifier;
    private final String location;

    /** @param location where the written resource is read, or null when the caller has nowhere to read it */
    public ProjectionLagException(String processorName, String aggregateIdentifier, String location) {
        super("The change is stored; the " + processorName + " read model is catching up: read it again shortly");
        this.aggregateIdentifier = aggregateIdentifier;
        this.location = location;
    }

    public String aggregateIdentifier() {
        return aggregateIdentifier;
    }

    /** The path the written resource is read at, as the controller that wrote it named it. */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }
}
