package dev.eventcommerce.notification.web;

import dev.eventcommerce.platform.auth.AuthenticatedUser;
import dev.eventcommerce.platform.web.WebAutoConfiguration;
import dev.eventcommerce.notification.api.ListNotifications;
import dev.eventcommerce.notification.query.SentNotifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notifications; every request needs a token (platform/web's closing rule). */
@RestController
@Tag(name = "notifications")
class NotificationController {

    private final SentNotifications notifications;

    NotificationController(SentNotifications notifications) {
        this.notifications = notifications;
    }

    @Operation(summary = "My notifications", description = "The caller's notifications, newest first")
    @SecurityRequirement(name = WebAutoConfiguration.BEARER_SCHEME)
    @GetMapping("/notifications")
    List<NotificationResponse> list(@AuthenticationPrincipal AuthenticatedUser caller,
                                    @RequestParam(defaultValue = "0") @Min(0) int skip,
                                    @RequestParam(defaultValue = "100") @Min(1) @Max(100) int limit) {
        return notifications.list(new ListNotifications(caller.userId(), skip, limit)).stream()
                .map(NotificationResponse::of).toList();
    }
}
