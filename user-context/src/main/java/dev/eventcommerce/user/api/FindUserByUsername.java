package dev.eventcommerce.user.api;

public record FindUserByUsername(String username) {
}
