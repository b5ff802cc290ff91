package org.ohifbridge.audit;

import java.util.List;

/**
 * Who made a request, as every audit event names them.
 *
 * @param user      the signed-on user, or {@code anonymous}
 * @param roles     the ohif-bridge roles the user holds
 * @param client    the client's address (through trusted proxies, see {@link ClientAddress})
 * @param userAgent the browser's User-Agent, cut at 256 characters
 * @param session   a hash of the session id (never the id), or of user, address and agent without a session
 */
public record Caller(String user, List<String> roles, String client, String userAgent, String session) {
}
