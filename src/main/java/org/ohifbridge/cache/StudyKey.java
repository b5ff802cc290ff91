package org.ohifbridge.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ohifbridge.dicomjson.InstanceRecords;

/**
 * What a study document depends on: the set of its instances, each with the identifier of its stored file
 * (Orthanc gives a replaced instance a new file), plus the document format. Any instance added, deleted or
 * replaced changes the key, so a cached document is used only while it is exactly current.
 */
public final class StudyKey {
    /**
     * Bump when the document changes for the same instances (builder or tag table) or its stored form (metadata 4203)
     * changes; say so in NEWS.md, since every study's document is built again once. 2: the StudyInstanceUID in 4203.
     * 3: a checksum in 4203, and the caps on frames and entries.
     */
    public static final int DOCUMENT_FORMAT = 3;

    private StudyKey() {
    }

    /** One instance of the study: Orthanc's id and its file's uuid. */
    public record Member(String instanceId, String fileUuid) {
    }

    public static String of(List<Member> members) {
        List<String> lines = new ArrayList<>(members.size());
        for (Member m : members) {
            lines.add(m.instanceId() + ":" + m.fileUuid());
        }
        lines.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(("ohif-bridge study document " + DOCUMENT_FORMAT + "/" + InstanceRecords.VERSION
                    + "\n").getBytes(StandardCharsets.US_ASCII));
            for (String line : lines) {
                sha.update(line.getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) '\n');
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
