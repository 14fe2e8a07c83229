package dev.eventcommerce.console.web;

import dev.eventcommerce.console.ConsoleProperties;
import dev.eventcommerce.console.services.Histories;
import dev.eventcommerce.console.session.ConsoleAdmin;
import dev.eventcommerce.console.session.LoginFailure;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The console's pages. The overview, processors and dead letters fill themselves from {@link ConsoleApi} and keep
 * polling it; orders and products are rendered here, from ordering's and catalog's answers.
 */
@Controller
public class ConsolePages {

    /** Ordering's order statuses (its OrderStatus), the only ones its search takes. */
    static final List<String> ORDER_STATUSES = List.of("pending", "confirmed", "shipped", "delivered", "cancelled",
            "rejected");
    /** Ordering reads its search's offset as an int; a page past this is nowhere near any order anyway. */
    private static final long MAX_SKIP = 1_000_000_000L;
    /** What a message quotes of a request's value at most. */
    private static final int QUOTED = 40;

    private final Histories histories;
    private final ConsoleProperties properties;

    public ConsolePages(Histories histories, ConsoleProperties properties) {
        this.histories = histories;
        this.properties = properties;
    }

    @ModelAttribute
    void common(@AuthenticationPrincipal Object principal, Model model) {
        if (principal instanceof ConsoleAdmin admin) {
            model.addAttribute("admin", admin.username());
        }
        model.addAttribute("jaegerUiUrl", properties.jaegerUiUrl().toString().replaceAll("/$", ""));
    }

    @GetMapping("/console/login")
    String login(@AuthenticationPrincipal Object principal, @RequestParam(required = false) String error,
                 @RequestParam(required = false) String expired, @RequestParam(required = false) String logout,
                 Model model) {
        if (principal instanceof ConsoleAdmin) {
            return "redirect:/console";
        }
        if (error != null) {
            model.addAttribute("loginError", LoginFailure.ofCode(error).map(LoginFailure::message).orElse("Login failed"));
        } else if (expired != null) {
            model.addAttribute("loginError", "Your session has ended; log in again");
        } else if (logout != null) {
            model.addAttribute("loginInfo", "You are logged out");
        }
        return "login";
    }

    @GetMapping({"/console", "/console/"})
    String overview() {
        return "overview";
    }

    @GetMapping("/console/processors")
    String processors() {
        return "processors";
    }

    @GetMapping("/console/dead-letters")
    String deadLetters() {
        return "dead-letters";
    }

    @GetMapping("/console/orders")
    String orders(@AuthenticationPrincipal ConsoleAdmin admin, @RequestParam(required = false) String id,
                  @RequestParam(name = "customer_id", required = false) String customerId,
                  @RequestParam(required = false) String status, @RequestParam(required = false) String skip,
                  Model model) {
        model.addAttribute("statuses", ORDER_STATUSES);
        model.addAttribute("id", id);
        model.addAttribute("customerId", customerId);
        boolean byStatus = status != null && !status.isBlank();
        String wanted = byStatus ? status.strip().toLowerCase(Locale.ROOT) : null;
        model.addAttribute("status", wanted);
        if (id != null && !id.isBlank()) {
            Long orderId = positive(id);
            if (orderId == null) {
                model.addAttribute("message", "An order id is a positive integer");
                return "orders";
            }
            return "redirect:/console/orders/" + orderId;
        }
        boolean byCustomer = customerId != null && !customerId.isBlank();
        if (!byCustomer && !byStatus) {
            return "orders";
        }
        Long customer = byCustomer ? positive(customerId) : null;
        if (byCustomer && customer == null) {
            model.addAttribute("message", "A customer id is a positive integer");
            return "orders";
        }
        if (byStatus && !ORDER_STATUSES.contains(wanted)) {
            model.addAttribute("message", "Unknown status " + quoted(status.strip()) + ": one of "
                    + String.join(", ", ORDER_STATUSES));
            return "orders";
        }
        Long from = skip == null || skip.isBlank() ? Long.valueOf(0) : offset(skip);
        if (from == null) {
            model.addAttribute("message", "The page offset (skip) is a whole number from 0 to " + MAX_SKIP);
            return "orders";
        }
        Histories.OrderPage found = histories.orders(customer, wanted, from, admin.accessToken());
        model.addAttribute("found", found);
        if (!found.available()) {
            model.addAttribute("message", found.message());
        } else if (found.entries().isEmpty()) {
            model.addAttribute("message", from == 0 ? "No order matches" : "No order matches past the first " + from);
        } else if (found.more() || from > 0) {
            model.addAttribute("message", "Orders " + (from + 1) + "–" + (from + found.entries().size()) + " shown"
                    + (found.more() ? " — narrow the search, or see the next page" : ""));
        }
        if (found.more()) {
            model.addAttribute("nextPage", ordersPage(customer, wanted, from + Histories.PAGE_SIZE));
        }
        if (from > 0) {
            model.addAttribute("previousPage", ordersPage(customer, wanted, Math.max(0, from - Histories.PAGE_SIZE)));
        }
        return "orders";
    }

    @GetMapping("/console/orders/{id}")
    String order(@AuthenticationPrincipal ConsoleAdmin admin, @PathVariable String id, Model model,
                 HttpServletResponse response) {
        Long orderId = positive(id);
        model.addAttribute("orderId", orderId);
        if (orderId == null) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("found", Histories.Found.missing("An order id is a positive integer"));
            return "order";
        }
        model.addAttribute("found", histories.order(orderId, admin.accessToken()));
        return "order";
    }

    @GetMapping("/console/products")
    String products(@RequestParam(required = false) String id, Model model) {
        if (id != null && !id.isBlank()) {
            Long productId = positive(id);
            if (productId != null) {
                return "redirect:/console/products/" + productId;
            }
            model.addAttribute("message", "A product id is a positive integer");
        }
        return "products";
    }

    @GetMapping("/console/products/{id}")
    String product(@AuthenticationPrincipal ConsoleAdmin admin, @PathVariable String id,
                   @RequestParam(required = false) String before, Model model, HttpServletResponse response) {
        Long productId = positive(id);
        Long olderThan = before == null ? null : positive(before);
        model.addAttribute("productId", productId);
        model.addAttribute("newer", productId != null && olderThan != null);
        model.addAttribute("olderBefore", null);
        if (productId == null || (before != null && olderThan == null)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("found", Histories.Found.missing(productId == null
                    ? "A product id is a positive integer" : "before is the positive sequence of an event"));
            return "product";
        }
        Histories.Found found = histories.product(productId, olderThan, admin.accessToken());
        model.addAttribute("found", found);
        model.addAttribute("olderBefore", Histories.olderBefore(found.entries()));
        return "product";
    }

    /** The orders page searching as given, from {@code skip}. */
    private static String ordersPage(Long customerId, String status, long skip) {
        return UriComponentsBuilder.fromPath("/console/orders")
                .queryParamIfPresent("customer_id", Optional.ofNullable(customerId))
                .queryParamIfPresent("status", Optional.ofNullable(status))
                .queryParam("skip", skip).build().encode().toUriString();
    }

    private static Long offset(String text) {
        try {
            long value = Long.parseLong(text.strip());
            return value >= 0 && value <= MAX_SKIP ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String quoted(String text) {
        return text.length() <= QUOTED ? text : text.substring(0, QUOTED) + "…";
    }

    private static Long positive(String text) {
        try {
            long value = Long.parseLong(text.strip());
            return value > 0 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
