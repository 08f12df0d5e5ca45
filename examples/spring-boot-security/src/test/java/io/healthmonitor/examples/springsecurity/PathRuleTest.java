package io.healthmonitor.examples.springsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import io.healthmonitor.http.Authorizer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Details guarded by a Spring Security path rule alone: {@code requestMatchers("/health/detailed")}
 * for authenticated users, the library's authorizer {@link Authorizer#always()}. Spring's path
 * patterns do not match {@code /health/detailed/}, so a router that served it as
 * {@code /health/detailed} gave the details to an anonymous caller (a user test); the router
 * answers it 404.
 */
@SpringBootTest(classes = PathRuleTest.PathRuleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PathRuleTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Test
    void noOtherSpellingOfTheDetailedPathPassesTheFrameworksRule() throws Exception {
        assertThat(get("/health/detailed", null).statusCode()).isEqualTo(401);
        HttpResponse<String> user = get("/health/detailed", "operator:operator-password");
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body()).contains("warehouses");

        for (String path : new String[] {"/health/detailed/", "/api/v1/health/checks/inventory/", "/health/history/"}) {
            HttpResponse<String> anonymous = get(path, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(404);
            assertThat(anonymous.body()).as(path).doesNotContain("inventory").doesNotContain("warehouses");
        }
    }

    private HttpResponse<String> get(String path, @Nullable String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The details behind a path rule for exactly the detailed paths; everything else open. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class PathRuleApplication {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests
                            .requestMatchers("/health/detailed", "/health/history", "/api/v1/health/checks/*").authenticated()
                            .anyRequest().permitAll())
                    .httpBasic(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        Authorizer healthMonitorAuthorizer() {
            return Authorizer.always();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("operator").password("{noop}operator-password").roles("OPERATOR").build());
        }

        @Bean
        HealthCheck inventory() {
            return context -> HealthResult.healthy().withDetails(Map.of("warehouses", 3));
        }
    }
}
