package dev.eventcommerce.console.services;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Calls to the instances made side by side, so that an unreachable instance costs its timeout once per page
 * refresh, not once per instance. The threads are made as needed (calls nested in calls never wait for a free one)
 * and end after a minute unused.
 */
final class Parallel {

    private static final ExecutorService THREADS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "console-calls");
        thread.setDaemon(true);
        return thread;
    });

    private Parallel() {
    }

    static <T, R> List<R> map(List<T> items, Function<T, R> call) {
        if (items.size() <= 1) {
            return items.stream().map(call).toList();
        }
        List<CompletableFuture<R>> futures = items.stream()
                .map(item -> CompletableFuture.supplyAsync(() -> call.apply(item), THREADS))
                .toList();
        List<R> results = new ArrayList<>(futures.size());
        for (CompletableFuture<R> future : futures) {
            try {
                results.add(future.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        return results;
    }
}
