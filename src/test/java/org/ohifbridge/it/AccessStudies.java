package org.ohifbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ohifbridge.Json;
import org.ohifbridge.testing.TempFolders;

/**
 * The studies of the access tests, made once per test JVM in an Orthanc of their own: five studies of three
 * institutions, each two real MR slices re-tagged with dcmodify (new UIDs, its own patient, accession and date).
 */
final class AccessStudies {
    /** A study of the test, its institution, and what Orthanc made of it once uploaded. */
    record Study(String key, String institution, String date, String uid, String series, List<String> sops,
                 List<String> instanceIds, String orthancId) {
    }

    private static List<Study> all;

    private AccessStudies() {
    }

    static TestOrthanc orthanc() {
        return TestOrthanc.named("access", false);
    }

    static synchronized List<Study> all() throws Exception {
        if (all == null) {
            TestOrthanc orthanc = orthanc();
            all = List.of(make(orthanc, "A1", "IT Site A North", "20240105"),
                    make(orthanc, "A2", "IT Site A South", "20230301"), make(orthanc, "B1", "IT Site B", "20240210"),
                    make(orthanc, "B2", "IT Site B", "20220101"), make(orthanc, "C1", "IT Site C", "20250101"));
        }
        return all;
    }

    static Study named(String key) throws Exception {
        return all().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    /** Two brain slices as a new study of {@code institution}: new UIDs, its own patient, accession and date. */
    static Study make(TestOrthanc orthanc, String key, String institution, String date) throws Exception {
        Path dir = TempFolders.create("access-" + key + "-");
        String uid = "1.2.826.0.1.3680043.2.1143." + (Math.abs(key.hashCode()) % 100000) + "." + System.nanoTime() % 1000000;
        String series = uid + ".1";
        List<String> sops = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path f = dir.resolve(i + ".dcm");
            Files.copy(TestOrthanc.samplesDir().resolve("mr-brain/brain_01" + i + ".dcm"), f);
            String sop = series + "." + (i + 1);
            // -i inserts or replaces; the file meta header follows the new SOPInstanceUID by itself
            run("dcmodify", "-nb", "-i", "(0020,000d)=" + uid, "-i", "(0020,000e)=" + series, "-i",
                    "(0008,0018)=" + sop, "-i", "(0008,0080)=" + institution, "-i", "(0008,0020)=" + date, "-i",
                    "(0010,0020)=PID-" + key, "-i", "(0008,0050)=ACC-" + key, "-i", "(0010,0010)=Access^" + key, "-i",
                    "(0028,1050)=450", "-i", "(0028,1051)=900", f.toString());
            sops.add(sop);
            ids.add(orthanc.upload(f));
        }
        JsonNode study = Json.MAPPER.readTree(orthanc.get("/instances/" + ids.get(0) + "/study").body());
        return new Study(key, institution, date, uid, series, sops, ids, study.path("ID").asText());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

}
