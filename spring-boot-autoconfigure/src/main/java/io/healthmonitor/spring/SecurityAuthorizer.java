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
 * thread), with the configured role when one is set: no principal is 401, a principal without the
 * role is 403. Thread-safe.
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
            return Decision.UNAUTHENTICATED;
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
