package io.healthmonitor.spring;

import io.healthmonitor.http.Authorizer;
import io.healthmonitor.http.EndpointRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Shows details to the principal Spring Security authenticated for the request (on the request's
 * thread), with the configured role when one is set: a principal without the role is 403; no
 * principal is {@link Decision#CHALLENGE_BY_SERVER}, a 401 that Spring Security's entry point
 * answers with the challenge of the application's authentication ({@code Basic realm="Realm"} for
 * HTTP Basic, a redirect to the login page for a form login), as on the paths its chain protects.
 * Thread-safe.
 */
final class SecurityAuthorizer implements Authorizer {

    private final @Nullable String role;

    SecurityAuthorizer(@Nullable String role) {
        this.role = role == null || role.isBlank() ? null : role.startsWith("ROLE_") ? role.substring(5) : role;
    }

    @Override
    public Decision authorize(EndpointRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return Decision.CHALLENGE_BY_SERVER;
        }
        if (role == null) {
            return Decision.GRANTED;
        }
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            String name = authority.getAuthority();
            if (role.equals(name) || ("ROLE_" + role).equals(name)) {
                return Decision.GRANTED;
            }
        }
        return Decision.FORBIDDEN;
    }
}
