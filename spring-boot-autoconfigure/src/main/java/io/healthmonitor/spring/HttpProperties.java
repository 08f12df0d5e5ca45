package io.healthmonitor.spring;

import org.jspecify.annotations.Nullable;

/**
 * The runbook endpoints ({@code /health}, {@code /health/detailed}, ...) on the application's server
 * ({@code healthmonitor.http.*}). Mutable, as Spring binds it.
 */
public class HttpProperties {
    private boolean enabled = true;
    private String basePath = "";
    private @Nullable String token;
    private @Nullable String role;
    private boolean kubernetesAliases;

    /**
     * Creates options with the defaults: enabled at the root, no token, no role.
     */
    public HttpProperties() {
    }

    /**
     * Returns whether the endpoints are served.
     *
     * @return true unless switched off
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the endpoints are served.
     *
     * @param enabled false to serve none
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the path the endpoints are served under.
     *
     * @return the base path, empty for the root ({@code /health})
     */
    public String getBasePath() {
        return basePath;
    }

    /**
     * Sets the path the endpoints are served under: {@code /manage} serves {@code /manage/health}.
     *
     * @param basePath the base path
     */
    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    /**
     * Returns the bearer token that authorizes details when Spring Security is absent.
     *
     * @return the token, or null (then only loopback callers see details)
     */
    public @Nullable String getToken() {
        return token;
    }

    /**
     * Sets the bearer token that authorizes details: at least 16 visible ASCII characters,
     * typically from the environment ({@code HEALTHMONITOR_HTTP_TOKEN}).
     *
     * @param token the token
     */
    public void setToken(@Nullable String token) {
        this.token = token;
    }

    /**
     * Returns the role an authenticated principal needs to see details when Spring Security is present.
     *
     * @return the role, or null when any authenticated principal may
     */
    public @Nullable String getRole() {
        return role;
    }

    /**
     * Sets the role an authenticated principal needs to see details, such as {@code ACTUATOR}
     * (matched as the authority {@code ROLE_ACTUATOR} or {@code ACTUATOR}).
     *
     * @param role the role
     */
    public void setRole(@Nullable String role) {
        this.role = role;
    }

    /**
     * Returns whether {@code /livez}, {@code /readyz} and {@code /startupz} are served too.
     *
     * @return true when the aliases are served
     */
    public boolean isKubernetesAliases() {
        return kubernetesAliases;
    }

    /**
     * Sets whether {@code /livez}, {@code /readyz} and {@code /startupz} are served too.
     *
     * @param kubernetesAliases true to serve them
     */
    public void setKubernetesAliases(boolean kubernetesAliases) {
        this.kubernetesAliases = kubernetesAliases;
    }
}
