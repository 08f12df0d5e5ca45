package io.healthmonitor.corim;

import java.util.ArrayList;
import java.util.List;

/**
 * The resource collections of a CoSWID (RFC 9393): its payload-entry or evidence-entry and the
 * directory, file, process and resource entries they hold.
 */
final class CoswidResourceRules {

    static final int HASH = 7;
    static final int DIRECTORY = 16;
    static final int FILE = 17;
    static final int PROCESS = 18;
    static final int RESOURCE = 19;
    static final int SIZE = 20;
    static final int FILE_VERSION = 21;
    static final int KEY = 22;
    static final int LOCATION = 23;
    static final int FS_NAME = 24;
    static final int ROOT = 25;
    static final int PATH_ELEMENTS = 26;
    static final int PROCESS_NAME = 27;
    static final int PID = 28;
    static final int TYPE = 29;
    static final int DATE = 35;
    static final int DEVICE_ID = 36;

    /** {@code integer-time = #6.1(int)}. */
    private static final ValueType INTEGER_TIME = (v, t, p, rule) -> {
        if (!t.isTagged(CborTag.EPOCH_TIME, CborItem.Type.INT)) {
            v.mismatch(t, p, rule, "integer-time (#6.1 int)");
        }
    };

    private static final ValueType FILES = ValueType.oneOrMore((v, m, p, rule) -> fileEntry().check(v, m, p));
    private static final ValueType DIRECTORIES = ValueType.oneOrMore((v, m, p, rule) -> directoryEntry().check(v, m, p));

    private static final MapShape PATH_ELEMENTS_MAP = MapShape.closed(Rule.COSWID_RESOURCE,
            Member.optional(DIRECTORY, "directory", DIRECTORIES),
            Member.optional(FILE, "file", FILES)).named("path-elements");

    private static final MapShape FILE_ENTRY = entry("file-entry", filesystemItem(),
            Member.optional(SIZE, "size", ValueType.UINT),
            Member.optional(FILE_VERSION, "file-version", ValueType.TEXT),
            Member.optional(HASH, "hash", CoswidRules.HASH_ENTRY));

    private static final MapShape DIRECTORY_ENTRY = entry("directory-entry", filesystemItem(),
            Member.optional(PATH_ELEMENTS, "path-elements", CoswidRules.shaped(PATH_ELEMENTS_MAP)));

    private static final MapShape PROCESS_ENTRY = entry("process-entry", List.of(),
            Member.required(PROCESS_NAME, "process-name", ValueType.TEXT),
            Member.optional(PID, "pid", ValueType.INT));

    private static final MapShape RESOURCE_ENTRY = entry("resource-entry", List.of(),
            Member.required(TYPE, "type", ValueType.TEXT));

    private static final MapShape PAYLOAD_ENTRY = entry("payload-entry", resourceCollection());

    private static final MapShape EVIDENCE_ENTRY = entry("evidence-entry", resourceCollection(),
            Member.optional(DATE, "date", INTEGER_TIME),
            Member.optional(DEVICE_ID, "device-id", ValueType.TEXT),
            Member.optional(LOCATION, "location", ValueType.TEXT));

    /** A payload-entry as a value. */
    static final ValueType PAYLOAD = CoswidRules.shaped(PAYLOAD_ENTRY);
    /** An evidence-entry as a value. */
    static final ValueType EVIDENCE = CoswidRules.shaped(EVIDENCE_ENTRY);

    private CoswidResourceRules() {
    }

    /**
     * A map of RFC 9393's resource collection: the members of its CDDL groups, its own, and
     * {@code global-attributes} (lang and any-attributes).
     */
    private static MapShape entry(String name, List<Member> groups, Member... own) {
        List<Member> members = new ArrayList<>(groups);
        members.addAll(List.of(own));
        members.add(CoswidRules.LANG_MEMBER);
        return MapShape.open(Rule.COSWID_RESOURCE, MapShape.Others.COSWID_ATTRIBUTES, members.toArray(Member[]::new))
                .named(name);
    }

    /** The {@code filesystem-item} group of file and directory entries. */
    private static List<Member> filesystemItem() {
        return List.of(
                Member.optional(KEY, "key", ValueType.BOOL),
                Member.optional(LOCATION, "location", ValueType.TEXT),
                Member.required(FS_NAME, "fs-name", ValueType.TEXT),
                Member.optional(ROOT, "root", ValueType.TEXT));
    }

    /** The {@code resource-collection} group of payload and evidence entries. */
    private static List<Member> resourceCollection() {
        return List.of(
                Member.optional(DIRECTORY, "directory", DIRECTORIES),
                Member.optional(FILE, "file", FILES),
                Member.optional(PROCESS, "process", ValueType.oneOrMore(CoswidRules.shaped(PROCESS_ENTRY))),
                Member.optional(RESOURCE, "resource", ValueType.oneOrMore(CoswidRules.shaped(RESOURCE_ENTRY))));
    }

    // Directories hold directories and files: the shapes refer to each other, so they are reached lazily.
    private static MapShape fileEntry() {
        return FILE_ENTRY;
    }

    private static MapShape directoryEntry() {
        return DIRECTORY_ENTRY;
    }
}
