package dev.eventcommerce.user.api;

public record FindUserById(long userId) {
}
