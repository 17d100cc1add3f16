import Foundation
import ParleyChannels
import ParleyCore
import ParleyTestSupport
import Testing

/// Parley's Kannel client against a real Kannel 1.4: bearerbox, smsbox and fakesmsc (the client of
/// Kannel's fake SMSC) from the Debian packages kannel and kannel-extras, started by
/// `Fixtures/kannel_real.py`. Where `SMSKannelTests` checks the requests Parley makes, these check
/// what Kannel makes of them.
@Suite("SMS through a real Kannel", .serialized, .timeLimit(.minutes(5)))
struct SMSKannelRealTests {
    @Test("Polish and Greek reach the SMSC as UCS-2 and a GSM-7 text as text, each intact, to the right number")
    func sends() async throws {
        let kannel = try await RealKannel()
        defer { kannel.stop() }
        let texts = [
            ("+48601234567", "Zażółć gęślą jaźń: paczka #1001 już w drodze"),
            ("+306912345678", "Το δέμα σας στάλθηκε σήμερα"),
            ("+48501234567", "Paczka #1001 w drodze & jutro u Ciebie"),
        ]
        let transport = try kannel.transport()
        for (number, (to, body)) in texts.enumerated() {
            let receipt = try await transport.send(OutgoingSMS(to: to, from: nil, body: body, reference: "msg_\(number)"))
            #expect(receipt == SMSReceipt(providerMessageID: nil, response: "202 0: Accepted for delivery"))
        }
        let received = try await eventually(count: texts.count) { kannel.smscReceived() }
        #expect(
            Set(received)
                == [
                    RealKannel.SMSCMessage(from: "Kubki", to: "+48601234567", type: "ucs-2", text: texts[0].1),
                    RealKannel.SMSCMessage(from: "Kubki", to: "+306912345678", type: "ucs-2", text: texts[1].1),
                    RealKannel.SMSCMessage(from: "Kubki", to: "+48501234567", type: "text", text: texts[2].1),
                ])
    }

    @Test("the SMSC's acceptance and the delivery reach the dlr-url and read as the message's outcome; a wrong password waits")
    func deliveryReports() async throws {
        let kannel = try await RealKannel()
        defer { kannel.stop() }
        _ = try await kannel.transport().send(OutgoingSMS(to: "+48601234567", from: nil, body: "Hej", reference: "msg_4GqT0xk"))
        // The fake SMSC reports every message delivered the moment it hands it on, after Kannel's own "taken by the SMSC".
        let reports = try await eventually(count: 2) { try kannel.callbacks() }.map(kannel.read)
        #expect(reports.count == 2)
        #expect(reports.contains(.delivery(SMSDeliveryReport(reference: "msg_4GqT0xk", providerMessageID: nil, outcome: .sent))))
        #expect(reports.contains(.delivery(SMSDeliveryReport(reference: "msg_4GqT0xk", providerMessageID: nil, outcome: .delivered))))

        let error = await #expect(throws: TransportError.self) {
            try await kannel.transport(password: "wrong-password-42").send(
                OutgoingSMS(to: "+48601234567", from: nil, body: "Hej", reference: "msg_1"))
        }
        #expect(error == .temporary("Kannel answered 403: Authorization failed for sendsms"))
    }

    @Test(
        "an incoming text reaches the sms-service get-url and reads as who wrote what to whom",
        arguments: [("text", "Gdzie jest moja paczka? #1001"), ("ucs2", "Dziękuję, paczka doszła!"), ("ucs2", "Ευχαριστώ πολύ")])
    func receives(type: String, body: String) async throws {
        // fakesmsc takes a UCS-2 text as URL-encoded UTF-16BE, as a handset's would come.
        let data =
            type == "ucs2" ? body.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }.map { String(format: "%%%02X", $0) }.joined() : body
        let kannel = try await RealKannel(incoming: "+48601234567 +48221234567 \(type) \(data)")
        defer { kannel.stop() }
        let requests = try await eventually(count: 1) { try kannel.callbacks() }
        #expect(requests.count == 1)
        #expect(
            try requests.map(kannel.read) == [
                .inbound(InboundSMS(from: "+48601234567", to: "+48221234567", body: body, providerMessageID: nil))
            ])
    }

    /// What `read` returns once it has `count` values, or after ten seconds whatever it has: Kannel
    /// hands messages on and calls back on its own threads, a little after sendsms answered.
    func eventually<Value>(count: Int, _ read: () throws -> [Value]) async throws -> [Value] {
        let deadline = ContinuousClock.now + .seconds(10)
        while true {
            let values = try read()
            if values.count >= count || ContinuousClock.now > deadline { return values }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// `Fixtures/kannel_real.py`: a Kannel on loopback with a fake SMSC, and an HTTP receiver standing in
/// for Parley's `/hooks/sms/kannel/kubki`.
struct RealKannel {
    /// A message as fakesmsc, the fake SMSC's client, got it from Kannel.
    struct SMSCMessage: Hashable {
        let from: String
        let to: String
        /// `text`, `ucs-2` or `data`: how Kannel coded it for the SMSC.
        let type: String
        let text: String
    }

    /// One request Kannel made to the receiver.
    struct Callback: Decodable {
        let method: String
        /// Path and query exactly as Kannel sent them.
        let path: String
        let headers: [String: String]
        let body: String
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/kannel_real.py").path
    static let username = "parley"
    static let password = "kannel-real-secret-1"

    let fixture: PythonFixture
    let receiverPort: Int
    var callbackURL: String { "http://127.0.0.1:\(receiverPort)/hooks/sms/kannel/kubki" }

    /// Starts Kannel; fakesmsc sends it `incoming`, a line in fakesmsc's format, as a text from a handset.
    init(incoming: String? = nil) async throws {
        var ports: [Int] = []
        while ports.count < 4 {
            let port = FreePort.pick()
            if !ports.contains(port) { ports.append(port) }
        }
        receiverPort = ports[3]
        let callbackURL = "http://127.0.0.1:\(receiverPort)/hooks/sms/kannel/kubki"
        var arguments = [
            "--admin-port", String(ports[0]), "--smsbox-port", String(ports[1]), "--smsc-port", String(ports[2]),
            "--receiver-port", String(receiverPort), "--username", Self.username, "--password", Self.password,
            "--service-url", SMSCallbacks.kannelServiceURL(callbackURL: callbackURL, secret: Self.password),
        ]
        if let incoming { arguments += ["--mo", incoming] }
        fixture = try await PythonFixture(script: Self.script, arguments: arguments)
    }

    func settings(password: String = RealKannel.password) -> SMSSettings {
        SMSSettings(
            provider: "kannel", from: "Kubki", url: "http://127.0.0.1:\(fixture.port)/cgi-bin/sendsms", username: Self.username,
            secret: password)
    }

    func transport(password: String = RealKannel.password) throws -> any SMSTransport {
        try SMSProviders.transport(settings: settings(password: password), callbackURL: callbackURL)
    }

    /// The messages fakesmsc got, from its log lines `Got message 1: <Kubki +48601234567 ucs-2 %01%7C…>`.
    func smscReceived() -> [SMSCMessage] {
        log("fakesmsc.out").split(separator: "\n").compactMap { line in
            guard let match = line.firstMatch(of: #/Got message \d+: <(.+)>$/#) else { return nil }
            let fields = match.1.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4 else { return nil }
            let text: String
            switch fields[2] {
            case "ucs-2":
                let bytes = Self.urlDecoded(fields[3])
                text = String(
                    decoding: stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) },
                    as: UTF16.self)
            case "data":
                // Kannel's 8-bit and binary messages; nothing here sends one, so Latin-1 just makes it readable.
                text = String(String.UnicodeScalarView(Self.urlDecoded(fields[3]).map { Unicode.Scalar($0) }))
            default:
                text = String(fields[3])
            }
            return SMSCMessage(from: String(fields[0]), to: String(fields[1]), type: String(fields[2]), text: text)
        }
    }

    /// Every request Kannel made to the receiver, oldest first.
    func callbacks() throws -> [Callback] {
        try log("callbacks.jsonl").split(separator: "\n").map { try JSONDecoder().decode(Callback.self, from: Data($0.utf8)) }
    }

    /// What Parley makes of one of Kannel's requests, as its `/hooks/sms` route would take it.
    func read(_ callback: Callback) throws -> SMSCallback {
        let request = SMSCallbackRequest(
            method: callback.method, url: "http://127.0.0.1:\(receiverPort)\(callback.path)", headers: callback.headers,
            body: Array(callback.body.utf8))
        return try SMSCallbacks.read(provider: "kannel", settings: settings(), request: request)
    }

    func stop() { fixture.stop() }

    private func log(_ name: String) -> String {
        // Kannel writes its log as bytes, so a stray non-UTF-8 byte shows up as U+FFFD rather than failing the read.
        let data = FileManager.default.contents(atPath: fixture.directory.appendingPathComponent(name).path) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// fakesmsc's URL encoding (Kannel's `octstr_url_encode`: `+` for a space), decoded to bytes here
    /// rather than by the code under test.
    private static func urlDecoded(_ text: Substring) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = Array(text.utf8)[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let value = UInt8(String(decoding: rest.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                rest = rest.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return bytes
    }
}
