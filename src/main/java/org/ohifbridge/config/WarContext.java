package org.ohifbridge.config;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The {@link jakarta.servlet.ServletContext} of this deployment, as {@link SettingsProducer} received it when the
 * application started. A plain {@code @Inject ServletContext} is not it: Jersey's CDI integration (jersey-cdi1x)
 * answers that with a request-scoped proxy, which no bean may use outside a request (WELD-001303 at start).
 */
@Qualifier
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, TYPE})
public @interface WarContext {
}
