package io.healthmonitor.examples.springsecurity;

import io.healthmonitor.HealthCheck;
import io.healthmonitor.HealthResult;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The starter behind Spring Security. The health paths are open to everyone, so that probes and
 * load balancers need no credentials; what a caller sees there is the starter's decision: the
 * status for anyone, details only for a principal Spring Security authenticated with the role of
 * {@code healthmonitor.http.role} (OPERATOR here; application.properties). Everything else needs a
 * login. The two users (HTTP Basic, passwords in the code) stand for the application's identity
 * provider: a real service takes its users from there.
 */
@SpringBootApplication
public class SecuredApplication {

    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments
     */
    public static void main(String[] args) {
        SpringApplication.run(SecuredApplication.class, args);
    }

    @Bean
    SecurityFilterChain security(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/health", "/health/**", "/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("operator").password("{noop}operator-password").roles("OPERATOR").build(),
                User.withUsername("viewer").password("{noop}viewer-password").roles("VIEWER").build());
    }

    @Bean
    HealthCheck inventory() {
        return context -> HealthResult.healthy().withDetails(Map.of("warehouses", 3));
    }
}
