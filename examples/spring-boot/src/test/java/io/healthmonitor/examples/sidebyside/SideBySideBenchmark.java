package io.healthmonitor.examples.sidebyside;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The same Spring Boot application with and without the starter ({@code healthmonitor.enabled=false}
 * is plain Actuator): ten indicators of 50 ms each, optionally one that hangs (30 s), and 64 clients (or the second argument)
 * calling {@code /actuator/health} for a fixed time, each request bounded by a 5 s client timeout.
 * Prints latency percentiles, timeouts and indicator invocations per scenario. A load run, not a
 * test: {@code ./mvnw -B -pl examples/spring-boot exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.healthmonitor.examples.sidebyside.SideBySideBenchmark [-Dexec.args=10]}.
 * Traffic goes to 127.0.0.1 only, and stops by itself.
 */
public final class SideBySideBenchmark {

    private static int clientCount = 64;
    private static final int SLOW = 10;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
    static final AtomicLong slowCalls = new AtomicLong();
    static final AtomicLong hungCalls = new AtomicLong();
    static final AtomicBoolean hang = new AtomicBoolean();

    private SideBySideBenchmark() {
    }

    /**
     * Runs the four scenarios.
     *
     * @param args the seconds of load per scenario (default 10), then the number of clients (default 64)
     * @throws Exception if an application cannot start
     */
    public static void main(String[] args) throws Exception {
        Duration load = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
        clientCount = args.length > 1 ? Integer.parseInt(args[1]) : clientCount;
        System.out.println("| application | scenario | requests | p50 ms | p99 ms | max ms | timeouts (5 s) | 50 ms indicator calls | hung indicator calls |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (boolean hung : new boolean[] {false, true}) {
            for (boolean starter : new boolean[] {false, true}) {
                run(starter, hung, load);
            }
        }
        System.exit(0); // plain Actuator's hung requests hold Tomcat threads; end the run here
    }

    private static void run(boolean starter, boolean hung, Duration load) throws Exception {
        hang.set(hung);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .properties("server.port=0", "server.shutdown=immediate", "spring.main.banner-mode=off",
                        "logging.level.root=warn", "healthmonitor.enabled=" + starter, "healthmonitor.http.enabled=false",
                        "healthmonitor.checks.hanging.timeout=2s", "spring.datasource.url=jdbc:h2:mem:bench")
                .run();
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(CLIENT_TIMEOUT).build();
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding()); // warm-up, off the record
            } catch (HttpTimeoutException e) {
                // plain Actuator with the hung indicator: no answer, as in the measured run
            }
            slowCalls.set(0);
            hungCalls.set(0);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicLong timeouts = new AtomicLong();
            long end = System.nanoTime() + load.toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < clientCount; i++) {
                Thread client = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        long start = System.nanoTime();
                        try {
                            http.send(request, HttpResponse.BodyHandlers.discarding());
                            latencies.add(System.nanoTime() - start);
                        } catch (HttpTimeoutException e) {
                            timeouts.incrementAndGet();
                        } catch (Exception e) {
                            timeouts.incrementAndGet();
                        }
                    }
                });
                client.setDaemon(true);
                client.start();
                clients.add(client);
            }
            for (Thread client : clients) {
                client.join(load.plus(CLIENT_TIMEOUT).plusSeconds(5).toMillis());
            }
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            System.out.printf("| %s | %s | %d | %s | %s | %s | %d | %d | %d |%n", starter ? "with the starter" : "Actuator alone",
                    hung ? "10 x 50 ms + 1 hung" : "10 x 50 ms", sorted.size(), millis(sorted, 0.50), millis(sorted, 0.99),
                    millis(sorted, 1.0), timeouts.get(), slowCalls.get(), hungCalls.get());
        } finally {
            hang.set(false);
            context.close();
        }
    }

    private static String millis(List<Long> sorted, double quantile) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1);
        return String.format("%.1f", sorted.get(Math.max(0, index)) / 1e6);
    }

    /** The application: the demo's auto-configuration, ten 50 ms indicators and one that hangs on demand. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        HealthIndicator hangingHealthIndicator() {
            return () -> {
                if (hang.get()) {
                    hungCalls.incrementAndGet();
                    try {
                        Thread.sleep(TimeUnit.SECONDS.toMillis(30));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Health.up().build();
            };
        }

        @Bean
        static BeanDefinitionRegistryPostProcessor slowIndicators() {
            return new BeanDefinitionRegistryPostProcessor() {
                @Override
                public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                    for (int i = 0; i < SLOW; i++) {
                        registry.registerBeanDefinition("slow" + i + "HealthIndicator",
                                new RootBeanDefinition(HealthIndicator.class, () -> (HealthIndicator) () -> {
                                    slowCalls.incrementAndGet();
                                    try {
                                        Thread.sleep(50);
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                    return Health.up().build();
                                }));
                    }
                }
            };
        }
    }
}
