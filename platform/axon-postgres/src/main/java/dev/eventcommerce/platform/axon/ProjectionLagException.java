package dev.eventcommerce.platform.axon;

/**
 * A write is stored, but its read model has not caught up within the read-your-writes bound: the API
 * answers 202 Accepted (the change stands; read it again shortly) rather than a read that would miss it.
 */
public class ProjectionLagException extends RuntimeException {

    private final String aggregateIdentifier;

    public ProjectionLagException(String processorName, String aggregateIdentifier) {
        super("The change is stored; the " + processorName + " read model is catching up: read it again shortly");
        this.aggregateIdentifier = aggregateIdentifier;
    }

    public String aggregateIdentifier() {
        return aggregateIdentifier;
    }
}
