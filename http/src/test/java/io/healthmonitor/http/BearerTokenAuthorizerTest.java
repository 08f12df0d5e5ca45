package io.healthmonitor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Authorizer#bearerToken(String)}: exactly the token grants, anything else is refused. */
class BearerTokenAuthorizerTest {

    private static final String TOKEN = "tok-0123456789abcdef";
    private final Authorizer authorizer = Authorizer.bearerToken(TOKEN);

    @Test
    void grantsTheTokenWhateverTheSchemesCaseAndSurroundingWhiteSpace() {
        assertThat(decide("Authorization", "Bearer " + TOKEN)).isEqualTo(Authorizer.Decision.GRANTED);
        assertThat(decide("authorization", "bearer " + TOKEN)).isEqualTo(Authorizer.Decision.GRANTED);
        assertThat(decide("AUTHORIZATION", "Bearer   " + TOKEN + " \t")).isEqualTo(Authorizer.Decision.GRANTED);
    }

    @Test
    void refusesAnyOtherToken() {
        for (String other : List.of(TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "0", TOKEN.replace('f', 'e'),
                TOKEN.toUpperCase(), "", " ", TOKEN.substring(1), "x" + TOKEN, TOKEN + " " + TOKEN)) {
            assertThat(decide("Authorization", "Bearer " + other)).as("Bearer '%s'", other)
                    .isEqualTo(Authorizer.Decision.FORBIDDEN);
        }
    }

    @Test
    void asksForAuthenticationWithoutABearerHeader() {
        assertThat(authorizer.authorize(EndpointRequest.builder("GET", "/health/detailed").build()))
                .isEqualTo(Authorizer.Decision.UNAUTHENTICATED);
        assertThat(decide("Authorization", "Basic dXNlcjpwYXNz")).isEqualTo(Authorizer.Decision.UNAUTHENTICATED);
        assertThat(decide("Authorization", "Bearer")).isEqualTo(Authorizer.Decision.UNAUTHENTICATED);
        assertThat(decide("X-Token", TOKEN)).isEqualTo(Authorizer.Decision.UNAUTHENTICATED);
    }

    private Authorizer.Decision decide(String header, String value) {
        return authorizer.authorize(EndpointRequest.builder("GET", "/health/detailed").header(header, List.of(value)).build());
    }
}
