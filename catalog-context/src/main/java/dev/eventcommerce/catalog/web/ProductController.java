package dev.eventcommerce.catalog.web;

import dev.eventcommerce.catalog.api.CreateProduct;
import dev.eventcommerce.catalog.api.DeleteProduct;
import dev.eventcommerce.catalog.api.FindProduct;
import dev.eventcommerce.catalog.api.ListProducts;
import dev.eventcommerce.catalog.api.ProductNotFoundException;
import dev.eventcommerce.catalog.api.ProductView;
import dev.eventcommerce.catalog.api.UpdateProduct;
import dev.eventcommerce.catalog.query.ProductJson;
import dev.eventcommerce.platform.auth.AuthenticatedUser;
import dev.eventcommerce.platform.axon.ProjectionBarrier;
import dev.eventcommerce.platform.web.WebAutoConfiguration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed's product API: public reads, authenticated writes that are visible to the next read. Who may
 * change a product is the Product's decision; the controller only says who asks.
 */
@RestController
@Tag(name = "products")
class ProductController {

    private static final MediaType ANY_JSON = new MediaType("application", "*+json");

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ProjectionBarrier projection;
    private final ProductJson json;

    ProductController(CommandGateway commands, QueryGateway queries, ProjectionBarrier projection, ProductJson json) {
        this.commands = commands;
        this.queries = queries;
        this.projection = projection;
        this.json = json;
    }

    @Operation(summary = "List products", description = "Public; in id order")
    @GetMapping("/products")
    List<ProductResponse> list(@RequestParam(defaultValue = "0") @Min(0) int skip,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(100) int limit) {
        return queries.query(new ListProducts(skip, limit), ResponseTypes.multipleInstancesOf(ProductView.class))
                .join().stream().map(ProductResponse::of).toList();
    }

    /** The cached JSON as it is stored: it is this API's body (see {@link ProductJson}). */
    @Operation(summary = "A product", description = "Public; served from the Redis cache when it has it")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = ProductResponse.class)))
    @GetMapping("/products/{id}")
    ResponseEntity<byte[]> get(@PathVariable long id, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept)
            throws HttpMediaTypeNotAcceptableException {
        byte[] body = json.find(id).orElseThrow(() -> new ProductNotFoundException(id));
        if (accept != null && !accept.equals(MediaType.ALL_VALUE) && !takesJson(accept)) {
            // as the JSON converter did: 406 for a client that takes no JSON (and 404 for an unknown product first)
            throw new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON, ANY_JSON));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /** Whether an Accept header admits JSON; a malformed one admits nothing (406, as content negotiation answers). */
    private static boolean takesJson(String accept) {
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.isCompatibleWith(ANY_JSON));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @Operation(summary = "Add a product", description = "Any authenticated user; the caller becomes its owner")
    @SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
    @PostMapping(path = "/products", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ProductResponse create(@AuthenticationPrincipal AuthenticatedUser caller,
                           @Valid @RequestBody ProductRequests.Create request) {
        Long id = commands.sendAndWait(new CreateProduct(request.name(), request.description(), request.price(),
                request.quantity(), caller.userId()));
        return written(id);
    }

    @Operation(summary = "Change some of a product's fields", description = "Its owner or an admin; 403 for anyone else")
    @SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
    @PutMapping(path = "/products/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ProductResponse update(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id,
                           @Valid @RequestBody ProductRequests.Update request) {
        commands.sendAndWait(new UpdateProduct(id, request.name(), request.description(), request.price(),
                request.quantity(), caller.userId(), caller.isAdmin()));
        return written(id);
    }

    @Operation(summary = "Delete a product", description = "Its owner or an admin; 403 for anyone else")
    @SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
    @DeleteMapping("/products/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable long id) {
        commands.sendAndWait(new DeleteProduct(id, caller.userId(), caller.isAdmin()));
        projection.awaitAggregate(ProductView.PROJECTION, String.valueOf(id), "/products/" + id);
    }

    private ProductResponse written(long id) {
        projection.awaitAggregate(ProductView.PROJECTION, String.valueOf(id), "/products/" + id);
        return ProductResponse.of(find(id));
    }

    private ProductView find(long id) {
        return queries.query(new FindProduct(id), ResponseTypes.optionalInstanceOf(ProductView.class)).join()
                .orElseThrow(() -> new ProductNotFoundException(id));
    }
}
