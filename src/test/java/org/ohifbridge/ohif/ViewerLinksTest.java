package org.ohifbridge.ohif;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViewerLinksTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
            "../studies/5765b8d0-abcaabfe-4416b976-4ebd9aab-47a6cae4/ohif-dicom-json; true",
            "/pacs/studies/5765b8d0-abcaabfe-4416b976-4ebd9aab-47a6cae4/ohif-dicom-json; true",
            "studies.json; true",
            "http://pacs.example:8080/pacs/studies/x/ohif-dicom-json; true",
            "https://PACS.example:8080/x; true",
            "http://pacs.example/x; false",
            "http://pacs.example:8081/x; false",
            "https://evil.example/steal; false",
            "//evil.example/steal; false",
            "/\\evil.example/steal; false",
            "\\\\evil.example/steal; false",
            "javascript:alert(1); false",
            "data:application/json,{}; false",
            "http://user@pacs.example:8080/x; false",
            "' /x'; false",
            "/x\ty; false",
            "''; false"})
    void onlyThisOrigin(String url, boolean allowed) {
        assertEquals(allowed, ViewerLinks.isSameOrigin(url, "pacs.example:8080"), url);
    }
}
