/**
 * A strict CoRIM (Concise Reference Integrity Manifest, draft-ietf-rats-corim) decoder and
 * validator: start with {@link io.healthmonitor.corim.CorimValidator}.
 */
package io.healthmonitor.corim;
