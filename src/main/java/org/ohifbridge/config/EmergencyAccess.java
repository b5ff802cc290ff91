package org.ohifbridge.config;

import java.time.Duration;

/**
 * Emergency access (README, "Who sees which study"): a user holding {@code role} who reaches a study their access rules
 * hide may open it by stating why; the grant lasts {@code grantFor}. Only with access rules.
 */
public record EmergencyAccess(String role, Duration grantFor) {
    public static final String DEFAULT_ROLE = "ohif-emergency";
    public static final int DEFAULT_MINUTES = 60;
}
