package org.ohifbridge.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DicomWebFormTest {
    @Test
    void orthancExplorer2sLinksBecomeDeepLinks() {
        assertEquals(Optional.of("open?StudyInstanceUID=1.2.3&mode=viewer"), DicomWebForm.asDeepLink("viewer", "1.2.3", null));
        assertEquals(Optional.of("open?StudyInstanceUID=1.2.3%2C1.2.4&mode=mpr"),
                DicomWebForm.asDeepLink("viewer", "1.2.3,1.2.4", "mprAnd3DVolumeViewport"));
        assertEquals(Optional.of("open?StudyInstanceUID=1.2.3&mode=tmtv"), DicomWebForm.asDeepLink("tmtv", "1.2.3", null));
        assertEquals(Optional.of("open?StudyInstanceUID=1.2.3&mode=segmentation"), DicomWebForm.asDeepLink("segmentation", "1.2.3", null));
        assertEquals(Optional.of("open?StudyInstanceUID=1.2.3&mode=microscopy"), DicomWebForm.asDeepLink("microscopy", "1.2.3", null));
        assertEquals(Optional.of("open?StudyInstanceUID=%3Cx%3E%26a%3D1&mode=viewer"), DicomWebForm.asDeepLink("viewer", "<x>&a=1", null),
                "anything else is encoded and then refused by open");
    }

    @Test
    void otherRequestsAreLeftAlone() {
        assertEquals(Optional.empty(), DicomWebForm.asDeepLink("viewer", null, null));
        assertEquals(Optional.empty(), DicomWebForm.asDeepLink("viewer", " ", null));
        assertEquals(Optional.empty(), DicomWebForm.asDeepLink("", "1.2.3", null), "the study list");
        assertEquals(Optional.empty(), DicomWebForm.asDeepLink("local", "1.2.3", null));
    }
}
