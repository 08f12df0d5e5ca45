package io.healthmonitor.examples.springsecurity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The runbook endpoints behind Spring Security's real filter chain, over real HTTP: the starter's
 * filter runs after Spring Security's, so it sees the principal that HTTP Basic authenticated.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SecuredApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Test
    void detailsAreForTheAuthenticatedPrincipalWithTheRole() throws Exception {
        HttpResponse<String> operator = get("/health/detailed", "operator", "operator-password");

        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
        JsonNode report = JSON.readTree(operator.body());
        JsonNode inventory = null;
        for (JsonNode check : report.get("checks")) {
            if (check.get("name").asString().equals("inventory")) {
                inventory = check;
            }
        }
        assertThat(inventory).as(operator.body()).isNotNull();
        assertThat(inventory.get("details").get("warehouses").asInt()).isEqualTo(3);
        assertThat(get("/health/history", "operator", "operator-password").statusCode()).isEqualTo(200);
    }

    @Test
    void aPrincipalWithoutTheRoleIsForbiddenAndAnAnonymousCallerMustAuthenticate() throws Exception {
        HttpResponse<String> viewer = get("/health/detailed", "viewer", "viewer-password");
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(viewer.body()).doesNotContain("inventory");

        HttpResponse<String> anonymous = get("/health/detailed", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("inventory");
        assertThat(get("/health/history", null, null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/health/checks/inventory", "viewer", "viewer-password").body()).doesNotContain("warehouses");

        HttpResponse<String> wrongPassword = get("/health/detailed", "operator", "not-the-password");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).doesNotContain("inventory");
    }

    @Test
    void theStatusIsForEveryoneAndNamesTheChecksOnlyForThePrincipalWithTheRole() throws Exception {
        HttpResponse<String> anonymous = get("/health", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(anonymous.body()).has("checks")).as(anonymous.body()).isFalse();
        assertThat(get("/health/live", null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> operator = get("/health", "operator", "operator-password");
        assertThat(JSON.readTree(operator.body()).get("checks").has("inventory")).as(operator.body()).isTrue();
    }

    /**
     * Spring Security's entry point answers an anonymous caller on the health paths as on every other
     * path: the application authenticates with HTTP Basic, so the challenge is Basic, never the
     * library's Bearer.
     */
    @Test
    void anAnonymousCallerGetsSpringSecuritysOwnChallenge() throws Exception {
        HttpResponse<String> protectedPath = get("/orders", null, null);
        assertThat(protectedPath.statusCode()).isEqualTo(401);
        assertThat(protectedPath.headers().allValues("WWW-Authenticate")).containsExactly("Basic realm=\"Realm\"");

        for (String path : new String[] {"/health/detailed", "/health/history", "/api/v1/health/checks/inventory"}) {
            HttpResponse<String> anonymous = get(path, null, null);
            assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
            assertThat(anonymous.headers().allValues("WWW-Authenticate")).as(path).containsExactly("Basic realm=\"Realm\"");
            assertThat(anonymous.body()).as(path).doesNotContain("inventory").doesNotContain("warehouses")
                    .doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    private HttpResponse<String> get(String path, @Nullable String user, @Nullable String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
