package io.healthmonitor.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.healthmonitor.HealthMonitor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.DefaultHealthContributorRegistry;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real Spring context with {@link SpringHealthConfiguration} and a real Actuator
 * {@link HealthEndpoint} over the contributors it defines, as Spring Boot's auto-configuration builds it.
 */
class HealthMonitorContributorTest {

    private static HealthEndpoint endpoint(Map<String, HealthContributor> contributors) {
        HealthEndpointGroup primary = new HealthEndpointGroup() {
            @Override
            public boolean isMember(String name) {
                return true;
            }

            @Override
            public boolean showComponents(SecurityContext context) {
                return true;
            }

            @Override
            public boolean showDetails(SecurityContext context) {
                return true;
            }

            @Override
            public StatusAggregator getStatusAggregator() {
                return HealthMonitorContributor.statusAggregator();
            }

            @Override
            public HttpCodeStatusMapper getHttpCodeStatusMapper() {
                return HealthMonitorContributor.httpCodes();
            }

            @Override
            public AdditionalHealthEndpointPath getAdditionalPath() {
                return null;
            }
        };
        return new HealthEndpoint(new DefaultHealthContributorRegistry(contributors),
                HealthEndpointGroups.of(primary, Map.of()), null);
    }

    private static AnnotationConfigApplicationContext context(String paymentsUrl) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("test", Map.of("payments.health-url", paymentsUrl)));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:spring;DB_CLOSE_DELAY=-1");
        context.registerBean(DataSource.class, () -> h2);
        context.register(SpringHealthConfiguration.class);
        context.refresh();
        try {
            assertThat(context.getBean(HealthMonitor.class).awaitReady(Duration.ofSeconds(30))).as("first results").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return context;
    }

    @Test
    void everyCheckIsAComponentOfActuatorHealthAndADownNonCriticalCheckOnlyDegrades() throws Exception {
        HttpServer payments = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        int port = payments.getAddress().getPort();
        payments.stop(0);   // nothing listens: the non-critical payments-api check fails
        try (AnnotationConfigApplicationContext context = context("http://127.0.0.1:" + port + "/health")) {
            HealthEndpoint endpoint = endpoint(context.getBeansOfType(HealthContributor.class).entrySet().stream()
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            CompositeHealth health = (CompositeHealth) endpoint.health();
            CompositeHealth monitor = (CompositeHealth) health.getComponents().get("healthMonitorContributor");
            assertThat(monitor.getComponents().keySet()).containsExactlyInAnyOrder("database", "memory", "payments-api");

            Health database = (Health) monitor.getComponents().get("database");
            assertThat(database.getStatus()).isEqualTo(Status.UP);
            assertThat(database.getDetails()).containsEntry("database", "H2").containsKey("responseTime");
            Health paymentsApi = (Health) monitor.getComponents().get("payments-api");
            assertThat(paymentsApi.getStatus()).isEqualTo(HealthMonitorContributor.DEGRADED);
            assertThat(paymentsApi.getDetails()).containsEntry("status", "unhealthy").containsEntry("critical", false);

            HealthMonitor healthMonitor = context.getBean(HealthMonitor.class);
            assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED")
                    .isEqualToIgnoringCase(healthMonitor.report().status().label());
            assertThat(HealthMonitorContributor.httpCodes().getStatusCode(health.getStatus())).isEqualTo(200);
            assertThat(endpoint.healthForPath("healthMonitorContributor", "database").getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void aDownCriticalCheckIsDownAndAnswers503() {
        JdbcDataSource missing = new JdbcDataSource();
        missing.setURL("jdbc:h2:mem:missing;IFEXISTS=TRUE");   // no such database: no connection
        try (HealthMonitor monitor = new SpringHealthConfiguration().healthMonitor(missing,
                java.net.URI.create("http://127.0.0.1:9/health"))) {
            HealthEndpoint endpoint = endpoint(Map.of("healthMonitor", HealthMonitorContributor.of(monitor)));
            Status status = endpoint.health().getStatus();
            assertThat(status).isEqualTo(Status.DOWN);
            assertThat(HealthMonitorContributor.httpCodes().getStatusCode(status)).isEqualTo(503);
            assertThat(Set.of(monitor.report().status().label())).containsExactly("unhealthy");
        }
    }
}
