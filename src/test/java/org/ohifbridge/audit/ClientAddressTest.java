package org.ohifbridge.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    static final Set<String> PROXIES = Set.of("10.0.0.1", "10.0.0.2");

    @Test
    void thePeerUnlessItIsATrustedProxy() {
        assertEquals("192.168.1.5", ClientAddress.of("192.168.1.5", "6.6.6.6", PROXIES), "an untrusted peer cannot forge it");
        assertEquals("192.168.1.5", ClientAddress.of("192.168.1.5", null, PROXIES));
        assertEquals("10.0.0.1", ClientAddress.of("10.0.0.1", null, PROXIES));
    }

    @Test
    void behindProxiesTheRightmostUntrustedHop() {
        assertEquals("172.16.4.9", ClientAddress.of("10.0.0.1", "172.16.4.9", PROXIES));
        assertEquals("172.16.4.9", ClientAddress.of("10.0.0.1", "6.6.6.6, 172.16.4.9, 10.0.0.2", PROXIES),
                "what the client wrote itself (left) is ignored");
        assertEquals("2001:db8::7", ClientAddress.of("10.0.0.1", "[2001:db8::7]:5123", PROXIES));
        assertEquals("172.16.4.9", ClientAddress.of("10.0.0.1", "172.16.4.9:5000", PROXIES));
        assertEquals("10.0.0.1", ClientAddress.of("10.0.0.1", "10.0.0.2", PROXIES), "only proxies: the peer");
        assertEquals("10.0.0.1", ClientAddress.of("10.0.0.1", "<script>", PROXIES), "garbage is not an address");
        assertEquals("", ClientAddress.of(null, null, PROXIES));
    }
}
