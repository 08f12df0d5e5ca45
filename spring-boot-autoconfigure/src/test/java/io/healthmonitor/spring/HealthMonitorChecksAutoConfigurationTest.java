package io.healthmonitor.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.CheckResult;
import io.healthmonitor.HealthMonitor;
import io.healthmonitor.HealthStatus;
import io.healthmonitor.jdbc.DataSourceHealthCheck;
import io.healthmonitor.nats.NatsConnectionHealthCheck;
import io.healthmonitor.testsupport.RequiredServices;
import io.healthmonitor.tls.CertificateExpiryHealthCheck;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.health.DataRedisHealthContributorAutoConfiguration;
import org.springframework.boot.data.redis.health.DataRedisHealthIndicator;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.application.SslHealthIndicator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.SslHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class HealthMonitorChecksAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HealthMonitorChecksAutoConfiguration.class,
                    HealthMonitorAutoConfiguration.class, HealthMonitorActuatorAutoConfiguration.class,
                    EndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                    HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class,
                    SslAutoConfiguration.class, SslHealthContributorAutoConfiguration.class))
            .withPropertyValues("management.endpoint.health.show-details=always");

    private final ApplicationContextRunner jdbc = runner.withConfiguration(AutoConfigurations.of(
            DataSourceAutoConfiguration.class, DataSourceHealthContributorAutoConfiguration.class));

    private final ApplicationContextRunner redis = runner.withConfiguration(AutoConfigurations.of(
            DataRedisAutoConfiguration.class, DataRedisHealthContributorAutoConfiguration.class));

    @Test
    void theDataSourceCheckReplacesActuatorsDbIndicatorWithPoolInsight() {
        RequiredServices.assumeListening("PostgreSQL", "127.0.0.1", 5432);
        jdbc.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
                "spring.datasource.username=postgres", "healthmonitor.checks.db.cache-ttl=0s").run(context -> {
            assertThat(context).doesNotHaveBean(DataSourceHealthIndicator.class);
            assertThat(context.getBean("db")).isInstanceOf(DataSourceHealthCheck.class);
            HealthMonitor monitor = context.getBean(HealthMonitor.class);
            assertThat(monitor.names()).containsOnlyOnce("db");
            monitor.report(); // the pool starts with the first connection; the next report reads it
            CheckResult db = monitor.report().check("db").orElseThrow();
            assertThat(db.status()).as(db.toString()).isEqualTo(HealthStatus.HEALTHY);
            assertThat(db.details()).containsKey("pool");
            CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
            assertThat(health.getComponents().get("db").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void switchingTheCheckOffLeavesDbOutOfActuatorsHealthToo() {
        jdbc.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test", "healthmonitor.checks.db.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean("db").hasSingleBean(DataSourceHealthIndicator.class);
                    assertThat(context.getBean(HealthMonitor.class).names()).doesNotContain("db");
                    // Actuator's own indicator is created, and not called: it would run outside the monitor
                    CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
                    assertThat(health.getComponents()).doesNotContainKey("db");
                });
    }

    @Test
    void actuatorKeepsItsIndicatorsWhenTheMonitorIsTheApplicationsOwnOrActuatorIsLeftAlone() {
        jdbc.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test", "healthmonitor.actuator.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("db").hasSingleBean(DataSourceHealthIndicator.class));
        jdbc.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test")
                .withBean(HealthMonitor.class, () -> HealthMonitor.builder().build())
                .run(context -> assertThat(context).doesNotHaveBean("db").hasSingleBean(DataSourceHealthIndicator.class));
    }

    @Test
    void anApplicationsOwnDbCheckWins() {
        jdbc.withUserConfiguration(OwnDb.class).withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test")
                .run(context -> assertThat(context.getBean("db")).isSameAs(OwnDb.CHECK));
    }

    @Test
    void theRedisCheckOfTheLettuceFactoryReplacesActuatorsRedisIndicator() {
        RequiredServices.assumeListening("Redis", "127.0.0.1", 6379);
        redis.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379").run(context -> {
            assertThat(context).doesNotHaveBean(DataRedisHealthIndicator.class);
            assertThat(context.getBean("redis")).isInstanceOf(LettuceFactoryCheck.class);
            HealthMonitor monitor = context.getBean(HealthMonitor.class);
            // The factory's client exists once the context has started: the next report sees Redis.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(monitor.report().check("redis").orElseThrow().status()).isEqualTo(HealthStatus.HEALTHY));
            CheckResult redis = monitor.report().check("redis").orElseThrow();
            assertThat(redis.details()).containsKey("usedMemoryBytes");
        });
    }

    @Test
    void noRedisCheckForACluster() {
        redis.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:7000").run(context ->
                assertThat(context).doesNotHaveBean("redis"));
    }

    @Test
    void theNatsConnectionIsChecked() throws Exception {
        RequiredServices.assumeListening("NATS", "127.0.0.1", 4222);
        Connection connection = Nats.connect("nats://127.0.0.1:4222");
        try {
            runner.withBean(Connection.class, () -> connection).run(context -> {
                assertThat(context.getBean("nats")).isInstanceOf(NatsConnectionHealthCheck.class);
                CheckResult nats = context.getBean(HealthMonitor.class).report().check("nats").orElseThrow();
                assertThat(nats.status()).as(nats.toString()).isEqualTo(HealthStatus.HEALTHY);
            });
        } finally {
            connection.close();
        }
    }

    @Test
    void theCertificateCheckReadsSslBundlesAndFilesAndReplacesActuatorsSslIndicator(@TempDir Path directory) throws Exception {
        Path keyStore = directory.resolve("server.p12");
        Path certificate = directory.resolve("server.crt");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "365",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        runner.withPropertyValues("spring.ssl.bundle.jks.web.keystore.location=file:" + keyStore,
                "spring.ssl.bundle.jks.web.keystore.password=changeit", "spring.ssl.bundle.jks.web.keystore.type=PKCS12",
                "healthmonitor.tls.certificates=" + certificate).run(context -> {
            assertThat(context).doesNotHaveBean(SslHealthIndicator.class);
            CertificateExpiryHealthCheck ssl = context.getBean("ssl", CertificateExpiryHealthCheck.class);
            assertThat(ssl.sources()).hasSize(2);
            CheckResult result = context.getBean(HealthMonitor.class).report().check("ssl").orElseThrow();
            assertThat(result.status()).as(result.toString()).isEqualTo(HealthStatus.HEALTHY);
            CompositeHealthDescriptor health = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health();
            assertThat(((IndicatedHealthDescriptor) health.getComponents().get("ssl")).getDetails()).isNotEmpty();
        });
    }

    @Test
    void actuatorsSslIndicatorStaysWithoutCertificates() {
        runner.run(context -> assertThat(context).doesNotHaveBean("ssl").hasSingleBean(SslHealthIndicator.class));
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
        assertThat(Files.exists(Path.of(arguments[arguments.length - 1])) || arguments[0].equals("-genkeypair")).isTrue();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDb {
        static final io.healthmonitor.HealthCheck CHECK = context -> io.healthmonitor.HealthResult.healthy();

        @Bean
        io.healthmonitor.HealthCheck db() {
            return CHECK;
        }
    }
}
