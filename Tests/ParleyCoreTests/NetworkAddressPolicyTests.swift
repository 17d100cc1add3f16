import ParleyCore
import Testing

@Suite("Webhook addresses")
struct NetworkAddressPolicyTests {
    @Test(
        "addresses in IPv4 and IPv6 notation read as their bytes and print in RFC 5952 form",
        arguments: [
            ("192.0.2.1", "192.0.2.1"), ("2001:DB8::1", "2001:db8::1"), ("::1", "::1"), ("::", "::"),
            ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"), ("::ffff:192.0.2.1", "::ffff:c000:201"), ("fe80::1:2", "fe80::1:2"),
        ])
    func parses(text: String, printed: String) {
        #expect(IPAddress(parsing: text)?.description == printed)
    }

    @Test(
        "what is not an address is not read as one: octal-looking and short IPv4, extra groups, two gaps, zones",
        arguments: ["010.0.0.1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1:2:3:4:5:6:7:8:9", "1::2::3", "fe80::1%eth0", "", "example.com"])
    func refusesText(text: String) {
        #expect(IPAddress(parsing: text) == nil)
    }

    @Test(
        "loopback, private, link-local (cloud metadata), carrier NAT, multicast and IPv4-mapped addresses are refused",
        arguments: [
            "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::1", "fc00::2", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        ])
    func refused(address: String) throws {
        let parsed = try #require(IPAddress(parsing: address))
        #expect(NetworkAddressPolicy().refusal(for: parsed) != nil)
    }

    @Test(
        "public addresses pass, including neighbours of the private ranges",
        arguments: [
            "8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.128.0.1", "169.253.1.1", "2a00:1450:4001::200e", "2606:4700::1111",
        ])
    func allowed(address: String) throws {
        let parsed = try #require(IPAddress(parsing: address))
        #expect(NetworkAddressPolicy().refusal(for: parsed) == nil)
    }

    @Test("a network the operator allows is allowed, also in its IPv4-mapped form; its neighbours stay refused")
    func operatorAllows() throws {
        let policy = NetworkAddressPolicy(allowed: [
            try #require(IPNetwork(parsing: "10.1.2.0/24")), try #require(IPNetwork(parsing: "::1")),
        ])
        #expect(policy.refusal(for: try #require(IPAddress(parsing: "10.1.2.200"))) == nil)
        #expect(policy.refusal(for: try #require(IPAddress(parsing: "::ffff:10.1.2.3"))) == nil)
        #expect(policy.refusal(for: try #require(IPAddress(parsing: "::1"))) == nil)
        #expect(policy.refusal(for: try #require(IPAddress(parsing: "10.1.3.1")))?.contains("private") == true)
        #expect(IPNetwork(parsing: "10.0.0.0/33") == nil && IPNetwork(parsing: "::/129") == nil && IPNetwork(parsing: "10.0.0.0/x") == nil)
    }

    @Test("failed deliveries are retried seven times over more than a day, each wait at most a tenth longer than the schedule's")
    func schedule() throws {
        let schedule = WebhookRetrySchedule()
        #expect(schedule.attempts == 8)
        let total = (1...7).map { schedule.delay(afterAttempt: $0, unit: 0)! }.reduce(Duration.zero, +)
        #expect(total > .seconds(24 * 3600) && total < .seconds(30 * 3600))
        #expect(schedule.delay(afterAttempt: 1, unit: 0.999)! < .seconds(5.5))
        #expect(schedule.delay(afterAttempt: 8, unit: 0) == nil && schedule.delay(afterAttempt: 0, unit: 0) == nil)
    }
}
