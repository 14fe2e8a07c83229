package dev.eventcommerce.console.web;

import dev.eventcommerce.console.ConsoleProperties;
import dev.eventcommerce.console.services.Histories;
import dev.eventcommerce.console.session.ConsoleAdmin;
import dev.eventcommerce.console.session.LoginFailure;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's pages. The overview, processors and dead letters fill themselves from {@link ConsoleApi} and keep
 * polling it; orders and products are rendered here, from ordering's and catalog's answers.
 */
@Controller
public class ConsolePages {

    static final List<String> ORDER_STATUSES = List.of("pending", "confirmed", "shipped", "delivered", "cancelled",
            "rejected");
    private static final Pattern STATUS = Pattern.compile("[a-z_]{1,30}");

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
                  @RequestParam(required = false) String status, Model model) {
        model.addAttribute("statuses", ORDER_STATUSES);
        model.addAttribute("id", id);
        model.addAttribute("customerId", customerId);
        model.addAttribute("status", status);
        if (id != null && !id.isBlank()) {
            Long orderId = positive(id);
            if (orderId == null) {
                model.addAttribute("message", "An order id is a positive integer");
                return "orders";
            }
            return "redirect:/console/orders/" + orderId;
        }
        boolean byCustomer = customerId != null && !customerId.isBlank();
        boolean byStatus = status != null && !status.isBlank();
        if (!byCustomer && !byStatus) {
            return "orders";
        }
        Long customer = byCustomer ? positive(customerId) : null;
        if (byCustomer && customer == null) {
            model.addAttribute("message", "A customer id is a positive integer");
            return "orders";
        }
        if (byStatus && !STATUS.matcher(status).matches()) {
            model.addAttribute("message", "Unknown status " + status);
            return "orders";
        }
        Histories.Found found = histories.orders(customer, byStatus ? status : null, admin.accessToken());
        model.addAttribute("found", found);
        if (found.available() && found.entries().isEmpty()) {
            model.addAttribute("message", "No order matches");
        } else if (!found.available()) {
            model.addAttribute("message", found.message());
        }
        return "orders";
    }

    @GetMapping("/console/orders/{id}")
    String order(@AuthenticationPrincipal ConsoleAdmin admin, @PathVariable long id, Model model) {
        model.addAttribute("orderId", id);
        model.addAttribute("found", histories.order(id, admin.accessToken()));
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
    String product(@AuthenticationPrincipal ConsoleAdmin admin, @PathVariable long id, Model model) {
        model.addAttribute("productId", id);
        model.addAttribute("found", histories.product(id, admin.accessToken()));
        return "product";
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
