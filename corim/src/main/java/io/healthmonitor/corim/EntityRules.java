package io.healthmonitor.corim;

import io.healthmonitor.corim.CorimExtension.ExtensionPoint;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code entity-map<role-type-choice, socket>} (§7.2) in its two forms: corim-entity-map (§4.1.5,
 * roles manifest-creator and manifest-signer) and comid-entity-map (§5.1.2, roles tag-creator,
 * creator and maintainer).
 */
final class EntityRules {

    /** entity-map: {@code entity-name}. */
    static final int ENTITY_NAME = 0;
    /** entity-map: {@code reg-id}. */
    static final int REG_ID = 1;
    /** entity-map: {@code role}. */
    static final int ROLE = 2;

    /** A role and its number in a role type choice. */
    private record Role(long value, String name) {
    }

    /** {@code $corim-role-type-choice}. */
    private static final List<Role> CORIM_ROLES = List.of(new Role(1, "manifest-creator"), new Role(2, "manifest-signer"));
    /** {@code $comid-role-type-choice}. */
    private static final List<Role> COMID_ROLES = List.of(new Role(0, "tag-creator"), new Role(1, "creator"),
            new Role(2, "maintainer"));
    /** The role a CoRIM has at most one entity of. */
    static final String MANIFEST_SIGNER = "manifest-signer";

    /** {@code $entity-name-type-choice}: text, or a tagged name the extension allows. */
    private static final ValueType ENTITY_NAME_TYPE = (v, name, p, rule) -> {
        if (!name.isText() && !v.extensionTagged(name)) {
            v.mismatch(name, p, Rule.ENTITY_NAME, "text ($entity-name-type-choice)");
        }
    };

    private static final MapShape CORIM_ENTITY = MapShape.extensible(Rule.CORIM_ENTITY, ExtensionPoint.CORIM_ENTITY,
            Member.required(ENTITY_NAME, "entity-name", ENTITY_NAME_TYPE),
            Member.optional(REG_ID, "reg-id", ValueType.URI),
            Member.required(ROLE, "role", roles(CORIM_ROLES, "$corim-role-type-choice")));

    private static final MapShape COMID_ENTITY = MapShape.extensible(Rule.COMID_ENTITY, ExtensionPoint.COMID_ENTITY,
            Member.required(ENTITY_NAME, "entity-name", ENTITY_NAME_TYPE),
            Member.optional(REG_ID, "reg-id", ValueType.URI),
            Member.required(ROLE, "role", roles(COMID_ROLES, "$comid-role-type-choice")));

    private EntityRules() {
    }

    /** Checks a corim-entity-map; returns the entity, or null when it has no usable name. */
    static CorimValidationResult.@Nullable Entity corimEntity(Validation v, CborItem m, Path p) {
        return entity(v, m, p, CORIM_ENTITY, CORIM_ROLES);
    }

    /** Checks a comid-entity-map. */
    static void comidEntity(Validation v, CborItem m, Path p) {
        COMID_ENTITY.check(v, m, p);
    }

    private static CorimValidationResult.@Nullable Entity entity(Validation v, CborItem m, Path p, MapShape shape,
            List<Role> known) {
        if (!shape.check(v, m, p) && !m.is(CborItem.Type.MAP)) {
            return null;
        }
        CborItem name = m.get(ENTITY_NAME);
        if (name == null || !(name.isText() || v.extensionTagged(name))) {
            return null;
        }
        CborItem reg = m.get(REG_ID);
        String regId = reg != null && reg.isTagged(CborTag.URI, CborItem.Type.TEXT) ? reg.text() : null;
        // Distinct and at most maxListed: [1, 1, ...] of 500,000 roles would list each one again.
        Set<String> roles = new LinkedHashSet<>(4);
        CborItem role = m.get(ROLE);
        if (role != null && role.is(CborItem.Type.ARRAY)) {
            for (int i = 0; i < role.items.length && roles.size() < v.summary().maxListed(); i++) {
                String roleName = nameOf(role.items[i], known);
                roles.add(roleName == null ? role.items[i].keyLabel() : roleName);
            }
        }
        return new CorimValidationResult.Entity(name.isText() ? name.text() : name.describe(), regId, List.copyOf(roles));
    }

    private static ValueType roles(List<Role> known, String choice) {
        String allowed = choice + " (" + String.join(", ", known.stream().map(r -> r.value() + " " + r.name()).toList()) + ")";
        return (v, list, p, rule) -> {
            if (!v.array(list, p, rule, true)) {
                return;
            }
            for (int i = 0; i < list.items.length; i++) {
                CborItem r = list.items[i];
                if (nameOf(r, known) == null) {
                    v.report(Code.VALUE_INVALID, p.add(i), rule, () -> "role " + r.keyLabel() + " is not a " + allowed);
                }
            }
        };
    }

    private static @Nullable String nameOf(CborItem role, List<Role> known) {
        if (!role.isPlainInt()) {
            return null;
        }
        for (Role r : known) {
            if (r.value() == role.longValue) {
                return r.name();
            }
        }
        return null;
    }
}
