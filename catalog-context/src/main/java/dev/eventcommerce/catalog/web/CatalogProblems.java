package dev.eventcommerce.catalog.web;

import dev.eventcommerce.catalog.api.InvalidProductException;
import dev.eventcommerce.catalog.api.ProductChangeNotAllowedException;
import dev.eventcommerce.catalog.api.ProductNotFoundException;
import dev.eventcommerce.platform.web.DomainProblems;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/** The catalog's domain failures and their statuses, answered as problem+json by platform/web. */
@Configuration(proxyBeanMethods = false)
class CatalogProblems {

    @Bean
    DomainProblems catalogDomainProblems() {
        return DomainProblems.of(Map.of(
                ProductNotFoundException.class, HttpStatus.NOT_FOUND,
                ProductChangeNotAllowedException.class, HttpStatus.FORBIDDEN,
                InvalidProductException.class, HttpStatus.UNPROCESSABLE_CONTENT));
    }
}
